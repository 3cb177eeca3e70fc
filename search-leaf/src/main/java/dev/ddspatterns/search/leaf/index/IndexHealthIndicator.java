package dev.ddspatterns.search.leaf.index;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the leaf: down until the shard's first index is loaded. A root that sends
 * queries to an unready leaf would get "no results" and could not tell it from a true
 * miss, so the leaf takes no traffic until it can answer for its whole shard.
 */
@Component("index")
class IndexHealthIndicator implements HealthIndicator {

	private final LeafIndex index;

	IndexHealthIndicator(LeafIndex index) {
		this.index = index;
	}

	@Override
	public Health health() {
		return this.index.current()
			.map((snapshot) -> Health.up()
				.withDetail("generation", snapshot.generation())
				.withDetail("documents", snapshot.documents()))
			.orElseGet(() -> Health.down().withDetail("reason", "The index is not loaded yet"))
			.build();
	}

}
