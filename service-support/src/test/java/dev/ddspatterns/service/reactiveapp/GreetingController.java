package dev.ddspatterns.service.reactiveapp;

import java.util.Map;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/greetings")
class GreetingController {

	@GetMapping
	Mono<Greeting> greet(@RequestParam @Size(max = 10) String name) {
		return Mono.just(new Greeting("Hello " + name));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<Greeting> create(@Valid @RequestBody Mono<NewGreeting> request) {
		return request.map((greeting) -> new Greeting(("Hello " + greeting.name() + " ").repeat(greeting.times())));
	}

	/** Reads the query parameter {@code q}, as a search would. */
	@GetMapping("/length")
	Mono<Integer> length(@RequestParam(defaultValue = "") String q) {
		return Mono.just(q.length());
	}

	@GetMapping("/count")
	Mono<Integer> count(@RequestParam int size) {
		return Mono.just(size);
	}

	@GetMapping("/conflict")
	Mono<Greeting> conflict() {
		return Mono.error(new ProblemException(ProblemType.CONFLICT, "Token 41 is older than the current one.",
				Map.of("currentToken", 42)));
	}

	@GetMapping("/failure")
	Mono<Greeting> failure() {
		return Mono.error(new IllegalStateException("connection refused: redis://default:s3cret@cache:6379"));
	}

	record Greeting(String message) {
	}

	record NewGreeting(@NotBlank String name, @Min(1) @Max(5) int times) {
	}

}
