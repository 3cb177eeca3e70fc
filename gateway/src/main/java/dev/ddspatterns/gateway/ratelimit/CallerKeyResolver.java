package dev.ddspatterns.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * The suite's caller identity for Spring Cloud Gateway's own {@code RequestRateLimiter}
 * ({@code key-resolver: "#{@callerKeyResolver}"}): the same key a {@code RateLimit}
 * bucket is kept for ({@link CallerKeys}). A request with an unregistered API key
 * resolves to no key, which the stock filter refuses (its {@code deny-empty-key}). Being
 * a {@link KeyResolver} bean, it is also that filter's default, in place of the principal
 * name.
 *
 * <p>
 * The suite's routes use {@code RateLimit}; this is here so that the stock limiter can
 * stand in its place with everything else equal, as {@code bench/gateway-vs-nginx.sh}
 * measures it.
 */
final class CallerKeyResolver implements KeyResolver {

	private final CallerKeys callers;

	CallerKeyResolver(CallerKeys callers) {
		this.callers = callers;
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return switch (this.callers.of(exchange.getRequest())) {
			case Caller.Counted caller -> Mono.just(caller.id());
			case Caller.UnknownKey unknown -> Mono.empty();
		};
	}

}
