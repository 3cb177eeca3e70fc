package dev.ddspatterns.service.servletapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest Servlet app of the suite: one controller and nothing configured, to show
 * what depending on service-support gives an app. Run {@link #main} to try it by hand.
 */
@SpringBootApplication
public class ServletTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(ServletTestApplication.class, args);
	}

}
