package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.ddspatterns.gateway.ratelimit.RateLimitProperties.FailureMode;
import dev.ddspatterns.gateway.ratelimit.TokenBucket.Decision;
import dev.ddspatterns.gateway.ratelimit.TokenBucket.Limit;
import dev.ddspatterns.gateway.ratelimit.TokenBucket.Verdict;
import dev.ddspatterns.gateway.ratelimit.TokenLeases.Local;
import dev.ddspatterns.service.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
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
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * Rate limits a route per caller with a token bucket in Redis that every gateway replica
 * shares. On a route: {@code - RateLimit=10, 20} (replenish rate per second, burst
 * capacity, optionally the tokens one request costs), or by name with
 * {@code failure-mode} to override the global one and {@code method-costs} where some
 * methods cost more than others (an upload more than a status read).
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
 *
 * <p>
 * With {@code lease: N} a route's limit has two tiers: a request that finds the bucket
 * with enough takes up to {@code N} tokens, its own cost and more for the caller's next
 * requests, which this replica then spends without asking Redis ({@link TokenLeases},
 * where the bound on what that admits is stated); and a refusal is remembered here until
 * the bucket can have enough again. Without it, every request asks Redis.
 */
public class RateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<RateLimitGatewayFilterFactory.Config> {

	private final TokenBucket bucket;

	private final CallerKeys callers;

	private final RateLimitProperties properties;

	private final TokenLeases leases;

	private final MeterRegistry meters;

	/** Each route's counters, one per outcome, looked up once rather than per request. */
	private final ConcurrentMap<String, Counter[]> counters = new ConcurrentHashMap<>();

	RateLimitGatewayFilterFactory(TokenBucket bucket, TokenLeases leases, CallerKeys callers,
			RateLimitProperties properties, MeterRegistry meters) {
		super(Config.class);
		this.bucket = bucket;
		this.leases = leases;
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
		Limit byDefault = config.limit();
		Map<HttpMethod, Limit> byMethod = config.methodLimits();
		FailureMode failureMode = (config.failureMode() != null) ? config.failureMode() : this.properties.failureMode();
		return new OrderedGatewayFilter((exchange, chain) -> {
			String route = routeId(exchange);
			Limit limit = byMethod.getOrDefault(exchange.getRequest().getMethod(), byDefault);
			return switch (this.callers.of(exchange.getRequest())) {
				case Caller.UnknownKey unknown ->
					refuse(route, Outcome.UNKNOWN_KEY, RateLimitAnswers.unknownKey(this.properties.apiKeyHeader()));
				case Caller.Counted caller -> take(exchange, chain, route, caller, limit, config.lease(), failureMode);
			};
		}, ORDER);
	}

	private Mono<Void> take(ServerWebExchange exchange, GatewayFilterChain chain, String route, Caller.Counted caller,
			Limit limit, int lease, FailureMode failureMode) {
		// One bucket per route and caller. The braces are a Redis Cluster hash tag.
		String key = "rate-limit:{" + route + ":" + caller.id() + "}";
		int cost = limit.requestedTokens();
		if (lease > 0) {
			switch (this.leases.spend(key, cost)) {
				case Local.Spent spent -> {
					return forward(exchange, chain, route, Outcome.ALLOWED, limit,
							new Decision(Verdict.ALLOWED, spent.remaining(), Duration.ZERO, cost));
				}
				case Local.Refused refused -> {
					return refuse(route, Outcome.LIMITED, RateLimitAnswers.rateLimited(limit,
							new Decision(Verdict.LIMITED, -1, refused.retryAfter(), 0)));
				}
				case Local.Ask ask -> {
					// The bucket decides, below.
				}
			}
		}
		return this.bucket.take(key, limit, lease).flatMap((decision) -> switch (decision.verdict()) {
			case ALLOWED -> {
				if (lease > 0) {
					this.leases.granted(key, decision.granted() - cost, decision.remaining());
				}
				yield forward(exchange, chain, route, Outcome.ALLOWED, limit, decision);
			}
			case LIMITED -> {
				if (lease > 0) {
					this.leases.refused(key, cost, decision.retryAfter());
				}
				yield refuse(route, Outcome.LIMITED, RateLimitAnswers.rateLimited(limit, decision));
			}
			case UNKNOWN -> switch (failureMode) {
				case FAIL_OPEN -> forward(exchange, chain, route, Outcome.FAILED_OPEN, limit, decision);
				case FAIL_CLOSED -> refuse(route, Outcome.FAILED_CLOSED,
						RateLimitAnswers.unavailable(this.properties.unavailableRetryAfter()));
			};
		});
	}

	private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, String route, Outcome outcome,
			Limit limit, Decision decision) {
		count(route, outcome);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		RateLimitAnswers.limitHeaders(limit, decision).forEach(headers::set);
		return chain.filter(exchange);
	}

	private Mono<Void> refuse(String route, Outcome outcome, ProblemException problem) {
		count(route, outcome);
		return Mono.error(problem);
	}

	private void count(String route, Outcome outcome) {
		this.counters.computeIfAbsent(route, this::register)[outcome.ordinal()].increment();
	}

	private Counter[] register(String route) {
		Counter[] counters = new Counter[Outcome.values().length];
		for (Outcome outcome : Outcome.values()) {
			counters[outcome.ordinal()] = this.meters.counter("gateway.ratelimit.requests", "route", route, "outcome",
					outcome.tag);
		}
		return counters;
	}

	/** The {@code outcome} tag of {@code gateway.ratelimit.requests}. */
	enum Outcome {

		ALLOWED, LIMITED, FAILED_OPEN, FAILED_CLOSED, UNKNOWN_KEY;

		final String tag = name().toLowerCase(Locale.ROOT).replace('_', '-');

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
	 * @param methodCosts what a request of a given method costs instead of
	 * {@code requested-tokens}, from the same bucket: on the jobs route an upload
	 * ({@code POST}) costs ten status reads. Bound from {@code method-costs.POST: 10}, so
	 * a misspelt method stops the gateway at start-up rather than being looked up, and
	 * missed, on every request.
	 * @param lease the most tokens a request that finds enough takes from the bucket, its
	 * own cost included, for this replica to spend on the caller's next requests without
	 * asking Redis; 0 (the default) for none. Each replica may admit up to this many
	 * tokens beyond the bucket's own limit ({@link TokenLeases})
	 */
	public record Config(int replenishRate, int burstCapacity, @DefaultValue("1") int requestedTokens,
			@Nullable FailureMode failureMode, @DefaultValue Map<RequestMethod, Integer> methodCosts,
			@DefaultValue("0") int lease) {

		public Config {
			methodCosts = (methodCosts == null || methodCosts.isEmpty()) ? Map.of()
					: Collections.unmodifiableMap(new EnumMap<>(methodCosts));
			limit(replenishRate, burstCapacity, requestedTokens);
			for (int cost : methodCosts.values()) {
				limit(replenishRate, burstCapacity, cost);
			}
			if (lease < 0 || lease > burstCapacity) {
				throw new IllegalArgumentException(
						"lease must be between 0 (none) and burst-capacity (" + burstCapacity + "), was " + lease);
			}
		}

		/** What a request of a method without a cost of its own costs. */
		Limit limit() {
			return limit(this.replenishRate, this.burstCapacity, this.requestedTokens);
		}

		/** What a request of each method with a cost of its own costs. */
		Map<HttpMethod, Limit> methodLimits() {
			Map<HttpMethod, Limit> limits = new HashMap<>();
			this.methodCosts.forEach((method, cost) -> limits.put(method.asHttpMethod(),
					limit(this.replenishRate, this.burstCapacity, cost)));
			return Map.copyOf(limits);
		}

		/** Checks the invariants at binding time, so a bad route fails at start-up. */
		private static Limit limit(int replenishRate, int burstCapacity, int requestedTokens) {
			return new Limit(replenishRate, burstCapacity, requestedTokens);
		}

	}

}
