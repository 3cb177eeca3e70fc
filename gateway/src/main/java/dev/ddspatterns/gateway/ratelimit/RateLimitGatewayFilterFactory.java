package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.gateway.ratelimit.RateLimitProperties.FailureMode;
import dev.ddspatterns.gateway.ratelimit.TokenBucket.Decision;
import dev.ddspatterns.gateway.ratelimit.TokenBucket.Limit;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Rate limits a route per caller with a token bucket in Redis that every gateway replica
 * shares. On a route: {@code - RateLimit=10, 20} (replenish rate per second, burst
 * capacity, optionally the tokens one request costs), or by name with
 * {@code failure-mode} to override the global one.
 *
 * <p>
 * Every answer on a limited route carries {@code X-RateLimit-Remaining},
 * {@code -Replenish-Rate}, {@code -Burst-Capacity} and {@code -Requested-Tokens}. A
 * caller over its limit gets a 429 {@code rate-limited} problem with {@code Retry-After}:
 * the whole seconds until its bucket holds enough tokens again.
 *
 * <p>
 * A request with an API key that is not registered gets a 401 {@code unauthorized}
 * problem before any bucket is touched, whatever the state of Redis: an invented key buys
 * no bucket (see {@link CallerKeys}).
 */
public class RateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<RateLimitGatewayFilterFactory.Config> {

	static final String REMAINING_HEADER = "X-RateLimit-Remaining";

	static final String REPLENISH_RATE_HEADER = "X-RateLimit-Replenish-Rate";

	static final String BURST_CAPACITY_HEADER = "X-RateLimit-Burst-Capacity";

	static final String REQUESTED_TOKENS_HEADER = "X-RateLimit-Requested-Tokens";

	private final TokenBucket bucket;

	private final CallerKeys callers;

	private final RateLimitProperties properties;

	private final MeterRegistry meters;

	RateLimitGatewayFilterFactory(TokenBucket bucket, CallerKeys callers, RateLimitProperties properties,
			MeterRegistry meters) {
		super(Config.class);
		this.bucket = bucket;
		this.callers = callers;
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * Ahead of every other route filter, the response cache (−4) included: the limit is
	 * per caller and counts every request the route takes, answered from the cache or
	 * not.
	 */
	static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 4;

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("replenishRate", "burstCapacity", "requestedTokens");
	}

	@Override
	public GatewayFilter apply(Config config) {
		Limit limit = config.limit();
		FailureMode failureMode = (config.failureMode() != null) ? config.failureMode() : this.properties.failureMode();
		return new OrderedGatewayFilter((exchange, chain) -> {
			String route = routeId(exchange);
			return switch (this.callers.of(exchange.getRequest())) {
				case Caller.UnknownKey unknown -> refuse(route, "unknown-key", unknownKey());
				case Caller.Counted caller -> take(exchange, chain, route, caller, limit, failureMode);
			};
		}, ORDER);
	}

	private Mono<Void> take(ServerWebExchange exchange, GatewayFilterChain chain, String route, Caller.Counted caller,
			Limit limit, FailureMode failureMode) {
		// One bucket per route and caller. The braces are a Redis Cluster hash tag.
		String key = "rate-limit:{" + route + ":" + caller.id() + "}";
		return this.bucket.take(key, limit).flatMap((decision) -> switch (decision.verdict()) {
			case ALLOWED -> forward(exchange, chain, route, "allowed", limit, decision);
			case LIMITED -> refuse(route, "limited", rateLimited(limit, decision));
			case UNKNOWN ->
				(failureMode == FailureMode.FAIL_OPEN) ? forward(exchange, chain, route, "failed-open", limit, decision)
						: refuse(route, "failed-closed", unavailable());
		});
	}

	private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, String route, String outcome,
			Limit limit, Decision decision) {
		count(route, outcome);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		limitHeaders(limit, decision).forEach(headers::set);
		return chain.filter(exchange);
	}

	private Mono<Void> refuse(String route, String outcome, ProblemException problem) {
		count(route, outcome);
		return Mono.error(problem);
	}

	private ProblemException rateLimited(Limit limit, Decision decision) {
		long retryAfter = wholeSeconds(decision.retryAfter());
		ProblemException problem = new ProblemException(ProblemType.RATE_LIMITED,
				String.format(
						"Too many requests from this caller. Each caller has a bucket of %d tokens on this "
								+ "route, refilled at %d per second, and a request costs %d. Retry after %d s.",
						limit.burstCapacity(), limit.replenishRate(), limit.requestedTokens(), retryAfter));
		limitHeaders(limit, decision).forEach(problem.getHeaders()::set);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
		return problem;
	}

	private ProblemException unavailable() {
		long retryAfter = wholeSeconds(this.properties.unavailableRetryAfter());
		ProblemException problem = new ProblemException(ProblemType.UNAVAILABLE,
				"Rate limiting is unavailable, and this route refuses requests it cannot count. Retry after "
						+ retryAfter + " s.");
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
		return problem;
	}

	/**
	 * RFC 9110 asks a 401 to name what would be accepted. There is no registered scheme
	 * for API keys; this names the header.
	 */
	private ProblemException unknownKey() {
		String header = this.properties.apiKeyHeader();
		ProblemException problem = new ProblemException(ProblemType.UNAUTHORIZED,
				"The " + header
						+ " header carries a key this gateway does not know. Send a registered key, or no key to be "
						+ "limited by your address.");
		problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + header + "\"");
		return problem;
	}

	/** The limit, and what is left of it when Redis said so. */
	private static Map<String, String> limitHeaders(Limit limit, Decision decision) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (decision.remaining() >= 0) {
			headers.put(REMAINING_HEADER, String.valueOf(decision.remaining()));
		}
		headers.put(REPLENISH_RATE_HEADER, String.valueOf(limit.replenishRate()));
		headers.put(BURST_CAPACITY_HEADER, String.valueOf(limit.burstCapacity()));
		headers.put(REQUESTED_TOKENS_HEADER, String.valueOf(limit.requestedTokens()));
		return headers;
	}

	/**
	 * Retry-After counts whole seconds; rounding down would invite a retry that fails.
	 */
	private static long wholeSeconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	private void count(String route, String outcome) {
		this.meters.counter("gateway.ratelimit.requests", "route", route, "outcome", outcome).increment();
	}

	private static String routeId(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : "unrouted";
	}

	/**
	 * One route's limit.
	 *
	 * @param replenishRate tokens a caller's bucket gains per second: the sustained rate
	 * @param burstCapacity the most tokens the bucket holds: the largest burst
	 * @param requestedTokens tokens one request costs, for routes dearer than others
	 * @param failureMode what this route does while Redis does not answer; the global
	 * {@code suite.gateway.rate-limit.failure-mode} when not set
	 */
	public record Config(int replenishRate, int burstCapacity, @DefaultValue("1") int requestedTokens,
			@Nullable FailureMode failureMode) {

		public Config {
			limit(replenishRate, burstCapacity, requestedTokens);
		}

		Limit limit() {
			return limit(this.replenishRate, this.burstCapacity, this.requestedTokens);
		}

		/** Checks the invariants at binding time, so a bad route fails at start-up. */
		private static Limit limit(int replenishRate, int burstCapacity, int requestedTokens) {
			return new Limit(replenishRate, burstCapacity, requestedTokens);
		}

	}

}
