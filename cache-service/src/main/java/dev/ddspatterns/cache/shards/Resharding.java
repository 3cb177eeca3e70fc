package dev.ddspatterns.cache.shards;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.shards.ShardRouter.Topology;
import dev.ddspatterns.sharding.ShardSelector;

/**
 * Adds or removes a shard while the cache serves, and moves the keys whose owner changed.
 *
 * <p>
 * A cache could simply let moved keys miss and refill from their origin; this one
 * migrates them, because the demo's cache is also the store of record for values put
 * through the API. The order keeps every read answerable: first the new ring is installed
 * together with the previous one (reads of a key that has not moved yet fall back to its
 * old owner, writes go to the new owner), then each moved key is copied with its time to
 * live and deleted from its old owner, then the previous ring is dropped. With consistent
 * hashing only about 1/N of the keys move, and only to (or from) the changed shard.
 */
public final class Resharding {

	private final ShardRouter router;

	private final Clock clock;

	Resharding(ShardRouter router, Clock clock) {
		this.router = router;
		this.clock = clock;
	}

	/**
	 * @param shard the new shard
	 * @return what moved
	 * @throws IllegalArgumentException if a shard of that name exists
	 */
	public synchronized ReshardReport addShard(CacheProperties.Shard shard) {
		Topology before = this.router.topology();
		if (before.shards().containsKey(shard.name())) {
			throw new IllegalArgumentException("Shard " + shard.name() + " already exists");
		}
		RedisShard added = this.router.connect(shard);
		try {
			added.keyCount();
		}
		catch (RuntimeException ex) {
			added.close();
			throw ex;
		}
		Map<String, RedisShard> shards = new LinkedHashMap<>(before.shards());
		shards.put(shard.name(), added);
		return migrate("add", shard.name(), before, new Topology(before.ring().withNode(shard.name()), shards, null));
	}

	/**
	 * @param name the shard to drain and remove
	 * @return what moved
	 * @throws java.util.NoSuchElementException if there is no such shard
	 * @throws IllegalStateException if it is the last shard
	 */
	public synchronized ReshardReport removeShard(String name) {
		Topology before = this.router.topology();
		RedisShard leaving = before.shards().get(name);
		if (leaving == null) {
			throw new java.util.NoSuchElementException("No shard named " + name);
		}
		if (before.shards().size() == 1) {
			throw new IllegalStateException("Cannot remove the last shard");
		}
		ReshardReport report = migrate("remove", name, before,
				new Topology(before.ring().withoutNode(name), before.shards(), null));
		Map<String, RedisShard> remaining = new LinkedHashMap<>(before.shards());
		remaining.remove(name);
		this.router.install(new Topology(this.router.topology().ring(), remaining, null));
		leaving.close();
		return report;
	}

	private ReshardReport migrate(String action, String shardName, Topology before, Topology after) {
		Instant start = this.clock.instant();
		ShardSelector ring = after.ring();
		this.router.install(new Topology(ring, after.shards(), before.ring()));
		long total = 0;
		long moved = 0;
		Map<String, Long> movedTo = new TreeMap<>();
		for (RedisShard source : before.shards().values()) {
			for (String key : source.keys()) {
				total++;
				String owner = ring.nodeFor(this.router.shardKey(key));
				if (!owner.equals(source.name())) {
					source.moveTo(key, after.shards().get(owner));
					moved++;
					movedTo.merge(owner, 1L, Long::sum);
				}
			}
		}
		this.router.install(after);
		double fraction = (total > 0) ? (double) moved / total : 0;
		return new ReshardReport(action, shardName, total, moved, fraction, movedTo,
				Duration.between(start, this.clock.instant()).toMillis());
	}

	/**
	 * What a shard change moved.
	 *
	 * @param action {@code add} or {@code remove}
	 * @param shard the shard added or removed
	 * @param keysScanned keys on all shards before the change
	 * @param keysMoved keys whose owner changed
	 * @param movedFraction keysMoved / keysScanned
	 * @param movedTo moved keys per new owner
	 * @param tookMillis how long the migration took
	 */
	public record ReshardReport(String action, String shard, long keysScanned, long keysMoved, double movedFraction,
			Map<String, Long> movedTo, long tookMillis) {
	}

}
