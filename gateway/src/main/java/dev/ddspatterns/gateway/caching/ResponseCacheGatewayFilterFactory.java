package dev.ddspatterns.gateway.caching;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ResponseCache}: puts a caching layer in front of a route's backend. Each route
 * gets its own cache, bounded in bytes, and its own hit/miss counters.
 *
 * <pre>
 * filters:
 *   - ResponseCache=30s,16MB          # default lifetime, size bound
 *   - name: ResponseCache             # or every setting by name
 *     args: { time-to-live: 30s, max-size: 16MB, max-entry-size: 512KB, key-headers: Accept }
 * </pre>
 *
 * Public because the gateway creates it by name from {@code application.yml}. Spring
 * Cloud Gateway's own {@code LocalResponseCache} is not used: it stores answers that set
 * cookies, misses {@code private} and {@code no-store} when they share the header with
 * another directive, ignores the backend's {@code max-age} for the lifetime, keys on the
 * query as sent and cannot be told the time (see {@code docs/patterns/caching-layer.md}).
 */
@Component
public class ResponseCacheGatewayFilterFactory
		extends AbstractGatewayFilterFactory<ResponseCacheGatewayFilterFactory.Config> {

	private final MeterRegistry meters;

	private final Clock clock;

	ResponseCacheGatewayFilterFactory(MeterRegistry meters, ObjectProvider<Clock> clock) {
		super(Config.class);
		this.meters = meters;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("timeToLive", "maxSize");
	}

	@Override
	public GatewayFilter apply(Config config) {
		Assert.isTrue(config.getTimeToLive().isPositive(), "time-to-live must be positive");
		Assert.isTrue(config.getMaxEntrySize().compareTo(config.getMaxSize()) <= 0,
				"max-entry-size must not be larger than max-size");
		String route = Objects.requireNonNullElse(config.getRouteId(), "unnamed");
		return new ResponseCacheFilter(new CachedResponses(config.getMaxSize().toBytes(), this.clock),
				config.getTimeToLive(), config.getMaxEntrySize().toBytes(), config.getKeyHeaders(),
				RequestCounters.register(this.meters, route));
	}

	/** A route's cache settings. */
	@Validated
	public static class Config implements HasRouteId {

		/** Lifetime of answers whose {@code Cache-Control} states none. */
		@NotNull
		private Duration timeToLive = Duration.ofSeconds(60);

		/** Bound on the bytes this route's cache holds, bodies and headers. */
		@NotNull
		private DataSize maxSize = DataSize.ofMegabytes(10);

		/** Answers with a larger body are passed on but not stored. */
		@NotNull
		private DataSize maxEntrySize = DataSize.ofMegabytes(1);

		/** Request headers that are part of the key, because answers differ by them. */
		@NotEmpty
		private List<String> keyHeaders = List.of("Accept", "Accept-Encoding");

		private @Nullable String routeId;

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public DataSize getMaxEntrySize() {
			return this.maxEntrySize;
		}

		public void setMaxEntrySize(DataSize maxEntrySize) {
			this.maxEntrySize = maxEntrySize;
		}

		public List<String> getKeyHeaders() {
			return this.keyHeaders;
		}

		public void setKeyHeaders(List<String> keyHeaders) {
			this.keyHeaders = keyHeaders;
		}

		@Override
		public @Nullable String getRouteId() {
			return this.routeId;
		}

		@Override
		public void setRouteId(String routeId) {
			this.routeId = routeId;
		}

	}

}
