package dev.ddspatterns.service.problem;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The {@link RequestScreen} in a WebFlux app, before any filter that acts: for HTTP/1.1
 * and HTTP/2 alike, which Reactor Netty parses with different codecs. A gateway refuses
 * here, at the edge, what its backends would refuse anyway.
 */
class RequestScreenWebFilter implements WebFilter, Ordered {

	/**
	 * After the filters that only watch requests (an app's access log first of all,
	 * Boot's observation filter at {@code HIGHEST_PRECEDENCE + 1}), so a refusal is
	 * logged and counted like any answer; before every filter that acts on a request.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final RequestScreen screen;

	RequestScreenWebFilter(RequestScreen screen) {
		this.screen = screen;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		URI uri = request.getURI();
		Optional<ProblemException> refusal = this.screen.refusal(Objects.requireNonNullElse(uri.getRawPath(), ""),
				uri.getRawQuery(), headersSize(request));
		return refusal.<Mono<Void>>map(Mono::error).orElseGet(() -> chain.filter(exchange));
	}

	private static long headersSize(ServerHttpRequest request) {
		long[] size = { 0 };
		request.getHeaders()
			.forEach((String name, List<String> values) -> values
				.forEach((value) -> size[0] += RequestScreen.fieldSize(name.length(), value.length())));
		return size[0];
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
