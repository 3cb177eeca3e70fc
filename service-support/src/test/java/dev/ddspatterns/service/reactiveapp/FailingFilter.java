package dev.ddspatterns.service.reactiveapp;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Fails before any controller is chosen, as a gateway route does when its upstream is
 * down, to prove such errors are problem details too.
 */
@Component
class FailingFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getPath().value().equals("/filtered")) {
			return Mono.error(new IllegalStateException("upstream http://10.0.0.7:8081 refused, password=s3cret"));
		}
		return chain.filter(exchange);
	}

}
