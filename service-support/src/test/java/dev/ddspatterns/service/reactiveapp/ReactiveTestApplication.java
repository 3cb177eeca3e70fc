package dev.ddspatterns.service.reactiveapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest WebFlux app of the suite, like the gateway: one controller and nothing
 * configured. Both web stacks are on the test class path, so it asks for a reactive
 * server explicitly.
 */
@SpringBootApplication
public class ReactiveTestApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ReactiveTestApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.run(args);
	}

}
