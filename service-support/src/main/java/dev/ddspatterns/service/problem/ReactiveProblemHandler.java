package dev.ddspatterns.service.problem;

import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The WebFlux twin of {@link ServletProblemHandler}: the same stable types, invalid
 * fields and catch-all, for reactive apps such as the gateway.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ReactiveProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ReactiveProblemHandler.class);

	private static final DisconnectedClientHelper disconnected = new DisconnectedClientHelper(
			ReactiveProblemHandler.class.getName() + ".DisconnectedClient");

	@ExceptionHandler
	Mono<ResponseEntity<Object>> handleConstraintViolation(ConstraintViolationException ex,
			ServerWebExchange exchange) {
		ProblemDetail problem = ProblemBodies.constraintViolations(ex);
		return handleExceptionInternal(ex, problem, new HttpHeaders(), ProblemType.INVALID_REQUEST.status(), exchange);
	}

	@ExceptionHandler
	Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
		// The client hung up: nobody is left to answer, and it is not the server's fault.
		if (disconnected.checkAndLogClientDisconnectedException(ex)) {
			return Mono.empty();
		}
		ProblemDetail problem = ProblemBodies.unexpected(ex);
		HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
		if (status.is5xxServerError()) {
			log.error("Unexpected failure handling {} {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex);
		}
		return handleExceptionInternal(ex, problem, new HttpHeaders(), status, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, @Nullable Object body,
			@Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		Object completed = ProblemBodies.complete(ex, body);
		if (completed instanceof ProblemDetail problem) {
			ProblemBodies.setInstance(problem, exchange.getRequest().getPath().value());
		}
		return super.handleExceptionInternal(ex, completed, headers, status, exchange);
	}

}
