package dev.ddspatterns.gateway.tls;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Adds {@code Strict-Transport-Security} to every response sent over TLS, and only those:
 * RFC 6797 tells browsers to ignore the header over plain HTTP, where an attacker could
 * forge or strip it. The header is set just before the response is committed, so it is
 * there whatever answered: a backend through a route, a problem from an error handler,
 * the gateway's own endpoints.
 */
class StrictTransportSecurity implements WebFilter {

	static final String HEADER = "Strict-Transport-Security";

	private final String value;

	StrictTransportSecurity(String value) {
		this.value = value;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getSslInfo() != null) {
			exchange.getResponse().beforeCommit(() -> {
				exchange.getResponse().getHeaders().set(HEADER, this.value);
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

}
