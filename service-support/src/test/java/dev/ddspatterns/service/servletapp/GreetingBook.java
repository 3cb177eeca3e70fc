package dev.ddspatterns.service.servletapp;

import jakarta.validation.constraints.NotBlank;

import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * A bean validated outside the web layer: it rejects bad input with a constraint
 * violation.
 */
@Component
@Validated
class GreetingBook {

	String lookup(@NotBlank String name) {
		return "Hello " + name;
	}

}
