package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every rate-limited route shares, prefix {@code suite.gateway.rate-limit}. The
 * limits themselves are per route, on the {@code RateLimit} filter.
 *
 * @param failureMode what a route does when Redis does not answer: let requests through
 * unchecked ({@code fail-open}) or refuse them with 503 ({@code fail-closed}); a route
 * can override it
 * @param timeout how long a request waits for Redis before the failure mode applies
 * @param trustedProxies addresses or CIDR blocks (such as {@code 10.0.0.0/8}) of the
 * proxies in front of the gateway; X-Forwarded-For is read only from these
 * @param apiKeyHeader the header whose value identifies a caller, before its address
 * @param unavailableRetryAfter the Retry-After a fail-closed route answers with while
 * Redis is unreachable
 */
@ConfigurationProperties("suite.gateway.rate-limit")
@Validated
public record RateLimitProperties(@NotNull @DefaultValue("fail-open") FailureMode failureMode,
		@NotNull @DefaultValue("100ms") Duration timeout, @DefaultValue List<IpRange> trustedProxies,
		@NotBlank @DefaultValue("X-API-Key") String apiKeyHeader,
		@NotNull @DefaultValue("5s") Duration unavailableRetryAfter) {

	public RateLimitProperties {
		if (timeout != null && !timeout.isPositive()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		if (unavailableRetryAfter != null && unavailableRetryAfter.toSeconds() < 1) {
			throw new IllegalArgumentException(
					"unavailable-retry-after must be at least 1s (Retry-After counts whole seconds), was "
							+ unavailableRetryAfter);
		}
		trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
	}

	/** What a rate-limited route does while Redis does not answer. */
	public enum FailureMode {

		/**
		 * Serve requests unchecked: a Redis outage costs the limit, not the service. The
		 * default, because otherwise the limiter would turn its own outage into a total
		 * one.
		 */
		FAIL_OPEN,

		/**
		 * Refuse requests with 503 and Retry-After: for routes whose backend cannot take
		 * unlimited traffic, or where every call costs money.
		 */
		FAIL_CLOSED

	}

}
