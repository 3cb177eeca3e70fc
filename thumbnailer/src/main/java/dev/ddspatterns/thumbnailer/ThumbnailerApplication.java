package dev.ddspatterns.thumbnailer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the thumbnailer: the jobs API and every pipeline stage in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ThumbnailerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ThumbnailerApplication.class, args);
	}

}
