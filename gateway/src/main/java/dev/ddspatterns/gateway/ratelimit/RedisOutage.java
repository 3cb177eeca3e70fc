package dev.ddspatterns.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Redis answers the rate limiter. An outage is logged when it starts and when it
 * ends, never once per request: at a thousand requests a second a per-request warning
 * would bury everything else in the log exactly when someone needs to read it. Every
 * failed call is counted, and a gauge shows whether an outage is going on.
 */
final class RedisOutage {

	private static final Logger log = LoggerFactory.getLogger(RedisOutage.class);

	private final Clock clock;

	private final AtomicReference<Instant> since = new AtomicReference<>();

	private final Counter errors;

	private final Counter outages;

	RedisOutage(Clock clock, MeterRegistry meters) {
		this.clock = clock;
		this.errors = Counter.builder("gateway.ratelimit.redis.errors")
			.description("Rate-limit calls to Redis that failed or timed out")
			.register(meters);
		this.outages = Counter.builder("gateway.ratelimit.redis.outages")
			.description("Times Redis stopped answering the rate limiter")
			.register(meters);
		Gauge.builder("gateway.ratelimit.redis.outage", this, (outage) -> outage.isOngoing() ? 1 : 0)
			.description("1 while Redis does not answer the rate limiter, else 0")
			.strongReference(true)
			.register(meters);
	}

	/** A call to Redis failed or timed out. */
	void failed(Throwable cause) {
		this.errors.increment();
		if (this.since.compareAndSet(null, this.clock.instant())) {
			this.outages.increment();
			log.warn(
					"Redis does not answer the rate limiter ({}: {}); until it does, each rate-limited route "
							+ "fails open or closed as configured",
					cause.getClass().getSimpleName(), cause.getMessage());
		}
	}

	/** A call to Redis answered. */
	void answered() {
		if (this.since.get() == null) {
			return;
		}
		Instant started = this.since.getAndSet(null);
		if (started != null) {
			log.info("Redis answers the rate limiter again, after an outage of {}",
					Duration.between(started, this.clock.instant()));
		}
	}

	boolean isOngoing() {
		return this.since.get() != null;
	}

}
