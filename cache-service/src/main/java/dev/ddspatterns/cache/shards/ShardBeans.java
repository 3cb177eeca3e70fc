package dev.ddspatterns.cache.shards;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.hotkeys.NearCache;
import dev.ddspatterns.service.SuiteProperties;
import dev.ddspatterns.service.dns.ShortLivedDns;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the shards, their breakers, the shared shard map, the router and resharding from
 * configuration.
 */
@Configuration(proxyBeanMethods = false)
class ShardBeans {

	/**
	 * Event loops shared by every Redis client. A server that comes back is reconnected
	 * within two seconds at most: Lettuce's default backs off to 30 s, long for a cache
	 * whose shard just restarted.
	 * <p>
	 * A server that comes back may come back elsewhere, as a restarted container does:
	 * DNS answers are kept a few seconds only ({@link ShortLivedDns}).
	 */
	@Bean(destroyMethod = "shutdown")
	ClientResources redisClientResources() {
		return DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
			.addressResolverGroup(ShortLivedDns.forLettuce())
			.build();
	}

	@Bean
	CircuitBreakerRegistry shardBreakers(CacheProperties properties, MeterRegistry meters) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry
			.of(RedisShardFactory.breakerConfig(properties.breaker()));
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		return registry;
	}

	/**
	 * The shared map lives on {@code suite.cache.shard-map.uri}, or on the first
	 * configured shard's primary when that is not set.
	 */
	@Bean(destroyMethod = "close")
	ShardMapStore shardMapStore(CacheProperties properties, ClientResources resources) {
		return new ShardMapStore(properties.shardMapServer(), properties.commandTimeout(), resources);
	}

	@Bean(destroyMethod = "close")
	MapFollower mapFollower(CacheProperties properties, ClientResources resources, CircuitBreakerRegistry breakers,
			ShardMapStore store) {
		ShardConnections connections = new ShardConnections(new RedisShardFactory(properties, resources, breakers),
				properties.commandTimeout().multipliedBy(4));
		return new MapFollower(ShardMap.configured(properties.shards()), store, connections);
	}

	@Bean
	ShardRouter shardRouter(CacheProperties properties, MapFollower follower) {
		return new ShardRouter(properties, follower);
	}

	@Bean(destroyMethod = "close")
	Resharding resharding(ShardRouter router, MapFollower follower, ShardMapStore store, SuiteProperties suite,
			CacheProperties properties, Clock clock) {
		return new Resharding(router, follower, store, suite.instanceId(), properties.shardMap(), clock);
	}

	@Bean
	Invalidations invalidations(ShardMapStore store, NearCache<?> nearCache) {
		return new Invalidations(store, nearCache);
	}

	@Bean
	ShardMapSync shardMapSync(MapFollower follower, ShardMapStore store, Resharding resharding,
			Invalidations invalidations, SuiteProperties suite, CacheProperties properties) {
		return new ShardMapSync(follower, store, resharding, invalidations, suite.instanceId(),
				properties.shardMap().pollInterval());
	}

}
