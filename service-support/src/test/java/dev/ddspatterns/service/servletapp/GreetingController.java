package dev.ddspatterns.service.servletapp;

import java.util.Map;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/greetings")
class GreetingController {

	private static final Logger log = LoggerFactory.getLogger(GreetingController.class);

	private final GreetingBook book;

	private final Tracer tracer;

	GreetingController(GreetingBook book, Tracer tracer) {
		this.book = book;
		this.tracer = tracer;
	}

	@GetMapping
	Greeting greet(@RequestParam @Size(max = 10) String name) {
		log.info("Greeting {}", name);
		return greeting("Hello " + name);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Greeting create(@Valid @RequestBody NewGreeting request) {
		return greeting(("Hello " + request.name() + " ").repeat(request.times()).trim());
	}

	/** Reads the parameter {@code q}, as a search would, from the query or a form. */
	@RequestMapping(path = "/length", method = { RequestMethod.GET, RequestMethod.POST })
	int length(@RequestParam(defaultValue = "") String q) {
		return q.length();
	}

	@GetMapping("/count")
	int count(@RequestParam int size) {
		return size;
	}

	@GetMapping("/book")
	String lookup(@RequestParam(defaultValue = "") String name) {
		return this.book.lookup(name);
	}

	@GetMapping("/conflict")
	Greeting conflict() {
		throw new ProblemException(ProblemType.CONFLICT, "Token 41 is older than the current one.",
				Map.of("currentToken", 42));
	}

	@GetMapping("/failure")
	Greeting failure() {
		throw new IllegalStateException("connection refused: jdbc:postgresql://admin:s3cret@db/greetings");
	}

	@PostMapping("/uploads")
	long upload(@RequestParam MultipartFile file) {
		return file.getSize();
	}

	private Greeting greeting(String message) {
		Span span = this.tracer.currentSpan();
		String traceId = (span != null) ? span.context().traceId() : "";
		return new Greeting(message, traceId, Thread.currentThread().isVirtual());
	}

	record Greeting(String message, String traceId, boolean virtualThread) {
	}

	record NewGreeting(@NotBlank String name, @Min(1) @Max(5) int times) {
	}

}
