package dev.ddspatterns.cache.shards;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the cache (the health adapter): ready while at least one shard answers,
 * because a shard outage only costs that shard's keys; with every shard down the instance
 * can serve nothing and should get no traffic.
 */
@Component("shards")
class ShardsHealthIndicator implements HealthIndicator {

	private final ShardRouter router;

	ShardsHealthIndicator(ShardRouter router) {
		this.router = router;
	}

	@Override
	public Health health() {
		Map<String, String> shards = new LinkedHashMap<>();
		boolean anyAnswers = false;
		for (RedisShard shard : this.router.shards()) {
			try {
				shard.keyCount();
				shards.put(shard.name(), "UP");
				anyAnswers = true;
			}
			catch (ShardUnavailableException ex) {
				shards.put(shard.name(), "DOWN");
			}
		}
		return (anyAnswers ? Health.up() : Health.down()).withDetails(shards).build();
	}

}
