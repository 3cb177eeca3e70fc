package dev.ddspatterns.service.problem;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Replaces Boot's WebFlux error handler for errors that never reach a controller: a
 * failing {@code WebFilter}, or a gateway route whose upstream refuses or times out.
 * Those become problem details with the same types the controller advice uses.
 */
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

	private static final DisconnectedClientHelper disconnected = new DisconnectedClientHelper(
			ProblemErrorWebExceptionHandler.class.getName() + ".DisconnectedClient");

	private final ServerResponse.Context responseContext;

	ProblemErrorWebExceptionHandler(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.responseContext = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (disconnected.checkAndLogClientDisconnectedException(ex)) {
			return Mono.empty();
		}
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = ProblemBodies.of(ex);
		if (!(ex instanceof ErrorResponse) && problem.getStatus() >= 500) {
			log.error("Unexpected failure handling {} {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex);
		}
		ProblemBodies.setInstance(problem, exchange.getRequest().getPath().value());
		return ServerResponse.status(problem.getStatus()).headers((headers) -> {
			if (ex instanceof ErrorResponse errorResponse) {
				headers.addAll(errorResponse.getHeaders());
			}
		})
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.responseContext));
	}

}
