package dev.ddspatterns.gateway.ratelimit;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Wires the {@code RateLimit} filter to the Redis every replica shares. Only the filter
 * factory is a bean (the gateway finds it by its name), and the caller identity as a
 * {@link KeyResolver}, for the stock {@code RequestRateLimiter} in its place.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

	@Bean
	RateLimitGatewayFilterFactory rateLimitGatewayFilterFactory(ReactiveStringRedisTemplate redis,
			RateLimitProperties properties, ObjectProvider<Clock> clock, MeterRegistry meters) {
		// The buckets run on Redis's clock; this one only times outages for the log.
		Clock time = clock.getIfUnique(Clock::systemUTC);
		TokenBucket bucket = new TokenBucket(redis, properties.timeout(), new RedisOutage(time, meters));
		TokenLeases leases = new TokenLeases(properties.leaseTimeToLive(), properties.leaseBuckets(),
				Ticker.systemTicker());
		return new RateLimitGatewayFilterFactory(bucket, leases, callerKeys(properties), properties, meters);
	}

	/** The same callers for the stock {@code RequestRateLimiter}, by this bean's name. */
	@Bean
	KeyResolver callerKeyResolver(RateLimitProperties properties) {
		return new CallerKeyResolver(callerKeys(properties));
	}

	private static CallerKeys callerKeys(RateLimitProperties properties) {
		return new CallerKeys(properties.apiKeyHeader(), new ApiKeys(properties.apiKeys()),
				properties.trustedProxies());
	}

}
