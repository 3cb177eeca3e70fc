package dev.ddspatterns.cache.shards;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of a replica's routing: not ready until it has read the shared shard map
 * once, so a replica started later gets no traffic while it knows only its configured
 * shards. Once read, the map's server may go away: the replica keeps routing by the map
 * it has, and shards refuse it if that map falls behind.
 */
@Component("shardMap")
class ShardMapHealthIndicator implements HealthIndicator {

	private final ShardRouter router;

	ShardMapHealthIndicator(ShardRouter router) {
		this.router = router;
	}

	@Override
	public Health health() {
		ShardMap map = this.router.map();
		Health.Builder health = this.router.routesByStoredMap() ? Health.up() : Health.outOfService();
		health.withDetail("epoch", map.epoch());
		if (map.migration() != null) {
			health.withDetail("migration", map.migration().toString());
		}
		return health.build();
	}

}
