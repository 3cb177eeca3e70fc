package dev.ddspatterns.cache.shards;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.ddspatterns.cache.CacheProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;

/**
 * Builds a {@link RedisShard} from configuration: one Lettuce client and one circuit
 * breaker per server, all sharing one set of event loops.
 */
final class RedisShardFactory {

	private final CacheProperties properties;

	private final ClientResources resources;

	private final CircuitBreakerRegistry breakers;

	RedisShardFactory(CacheProperties properties, ClientResources resources, CircuitBreakerRegistry breakers) {
		this.properties = properties;
		this.resources = resources;
		this.breakers = breakers;
	}

	static CircuitBreakerConfig breakerConfig(CacheProperties.Breaker breaker) {
		return CircuitBreakerConfig.custom()
			.failureRateThreshold(breaker.failureRateThreshold())
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(breaker.minimumCalls())
			.waitDurationInOpenState(breaker.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(1)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build();
	}

	RedisShard create(CacheProperties.Shard shard) {
		RedisNodeClient primary = node(shard.name(), "primary", shard.primary());
		List<RedisNodeClient> replicas = new ArrayList<>();
		for (int i = 0; i < shard.replicas().size(); i++) {
			replicas.add(node(shard.name(), "replica-" + i, shard.replicas().get(i)));
		}
		return new RedisShard(shard, primary, replicas, this.properties.readFrom(),
				this.properties.maxTtl().toMillis());
	}

	private RedisNodeClient node(String shard, String role, URI uri) {
		CircuitBreaker breaker = this.breakers.circuitBreaker(shard + "-" + role);
		return new RedisNodeClient(role, uri, this.properties.commandTimeout(), RedisClient.create(this.resources),
				breaker);
	}

}
