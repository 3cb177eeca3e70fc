package dev.ddspatterns.gateway.resilience;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory.CircuitBreakerStatusCodeException;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a caller sees when the circuit breaker in front of a backend steps in, as the
 * suite's problem details:
 * <ul>
 * <li>the breaker is open: {@code 503 unavailable} at once, without calling the backend,
 * with {@code Retry-After} set to how long the breaker stays open;</li>
 * <li>the backend did not answer within the route's time limit: {@code 504
 * upstream-timeout}, and the breaker counts a failure;</li>
 * <li>the backend answered with a status the breaker counts as a failure (5xx): its own
 * answer is passed on unchanged, since it says more than anything the gateway could;</li>
 * <li>the backend refused the connection or could not be connected to (it stopped, and
 * the load balancer's next health check has not noticed yet): {@code 503 unavailable},
 * and the breaker counts a failure.</li>
 * </ul>
 * Gateway's {@code CircuitBreaker} filter raises all three as errors. This filter sits
 * just inside the one that writes the backend's response
 * ({@link NettyWriteResponseFilter}) and outside every route filter, so it sees them
 * first.
 */
@Component
class CircuitBreakerProblems implements GlobalFilter, Ordered {

	private final CircuitBreakerRegistry circuitBreakers;

	private final TimeLimiterRegistry timeLimiters;

	CircuitBreakerProblems(CircuitBreakerRegistry circuitBreakers, TimeLimiterRegistry timeLimiters) {
		this.circuitBreakers = circuitBreakers;
		this.timeLimiters = timeLimiters;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange).onErrorResume((ex) -> translate(exchange, ex));
	}

	private Mono<Void> translate(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof CircuitBreakerStatusCodeException) {
			// Status and headers are the backend's; the response writer adds the body.
			return Mono.empty();
		}
		String route = routeId(exchange);
		if (ex instanceof ServiceUnavailableException) {
			return Mono.error(circuitOpen(route));
		}
		if (ex instanceof ResponseStatusException status && status.getCause() instanceof TimeoutException) {
			return Mono.error(timedOut(route, status));
		}
		if (connectionFailed(ex)) {
			return Mono.error(new ProblemException(ProblemType.UNAVAILABLE,
					"The backend of route '" + route + "' cannot be reached.", Map.of("route", route), ex));
		}
		return Mono.error(ex);
	}

	/** Netty's connect failures, refused or timed out, are {@link ConnectException}s. */
	private static boolean connectionFailed(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	private ProblemException circuitOpen(String route) {
		Duration openFor = this.circuitBreakers.find(route)
			.map(CircuitBreaker::getCircuitBreakerConfig)
			.map((config) -> Duration.ofMillis(config.getWaitIntervalFunctionInOpenState().apply(1)))
			.orElse(Duration.ZERO);
		long retryAfter = Math.max(1, openFor.plusMillis(999).toSeconds());
		ProblemException problem = new ProblemException(ProblemType.UNAVAILABLE,
				"The backend of route '" + route + "' is failing; the gateway stopped calling it for now.",
				Map.of("route", route));
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
		return problem;
	}

	private ProblemException timedOut(String route, Throwable cause) {
		String limit = this.timeLimiters.find(route)
			.map(TimeLimiter::getTimeLimiterConfig)
			.map((config) -> " within " + config.getTimeoutDuration().toMillis() + " ms")
			.orElse(" in time");
		return new ProblemException(ProblemType.UPSTREAM_TIMEOUT,
				"The backend of route '" + route + "' did not answer" + limit + ".", Map.of("route", route), cause);
	}

	private static String routeId(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : "unknown";
	}

	/** Between the response writer (-1) and the first route filter (1). */
	@Override
	public int getOrder() {
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1;
	}

}
