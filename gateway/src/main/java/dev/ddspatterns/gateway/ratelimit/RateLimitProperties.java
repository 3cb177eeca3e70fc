package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

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
 * @param apiKeys the API keys the gateway honours, by name and SHA-256; a request with
 * any other key is refused with 401, one without a key is counted by its address
 * @param leaseTimeToLive on a route with a {@code lease}, how long a replica may spend
 * the tokens it took ahead of need; unspent ones are lost then, never handed back
 * @param leaseBuckets the most callers' leases and refusals a replica keeps at once
 */
@ConfigurationProperties("suite.gateway.rate-limit")
@Validated
public record RateLimitProperties(@NotNull @DefaultValue("fail-open") FailureMode failureMode,
		@NotNull @DefaultValue("100ms") Duration timeout, @DefaultValue List<IpRange> trustedProxies,
		@NotBlank @DefaultValue("X-API-Key") String apiKeyHeader,
		@NotNull @DefaultValue("5s") Duration unavailableRetryAfter, @DefaultValue List<@Valid ApiKey> apiKeys,
		@NotNull @DefaultValue("1s") Duration leaseTimeToLive, @Positive @DefaultValue("100000") long leaseBuckets) {

	public RateLimitProperties {
		if (timeout != null && !timeout.isPositive()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		if (leaseTimeToLive != null && !leaseTimeToLive.isPositive()) {
			throw new IllegalArgumentException("lease-time-to-live must be positive, was " + leaseTimeToLive);
		}
		if (unavailableRetryAfter != null && unavailableRetryAfter.toSeconds() < 1) {
			throw new IllegalArgumentException(
					"unavailable-retry-after must be at least 1s (Retry-After counts whole seconds), was "
							+ unavailableRetryAfter);
		}
		trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
		apiKeys = (apiKeys != null) ? List.copyOf(apiKeys) : List.of();
		Set<String> names = new HashSet<>();
		Set<String> digests = new HashSet<>();
		for (ApiKey key : apiKeys) {
			if (!names.add(key.name())) {
				throw new IllegalArgumentException("api-keys: the name '" + key.name() + "' is registered twice");
			}
			if (!digests.add(key.sha256())) {
				throw new IllegalArgumentException(
						"api-keys: '" + key.name() + "' has the same sha256 as another key: one key, one caller");
			}
		}
	}

	/**
	 * An API key the gateway honours. Only its SHA-256 is configured, so the
	 * configuration (and whoever reads it) never holds the key itself; the name is what
	 * the key's bucket in Redis is known by.
	 *
	 * @param name who holds the key, such as {@code mobile-app}; it becomes part of the
	 * key's bucket in Redis, so it is restricted to letters, digits, dot, dash and
	 * underscore
	 * @param sha256 the SHA-256 of the key, 64 hex digits, as
	 * {@code printf %s "$KEY" | sha256sum} prints it
	 */
	public record ApiKey(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name,
			@NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256) {

		public ApiKey {
			sha256 = (sha256 != null) ? sha256.toLowerCase(Locale.ROOT) : null;
		}

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
