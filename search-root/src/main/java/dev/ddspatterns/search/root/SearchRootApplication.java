package dev.ddspatterns.search.root;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts search-root. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SearchRootApplication {

	public static void main(String[] args) {
		SpringApplication.run(SearchRootApplication.class, args);
	}

}
