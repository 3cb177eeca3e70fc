package dev.ddspatterns.gateway.ratelimit;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Wires the {@code RateLimit} filter to the Redis every replica shares. Only the filter
 * factory is a bean: the gateway finds it by its name, and nothing else needs the parts.
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
		CallerKeys callers = new CallerKeys(properties.apiKeyHeader(), new ApiKeys(properties.apiKeys()),
				properties.trustedProxies());
		return new RateLimitGatewayFilterFactory(bucket, callers, properties, meters);
	}

}
