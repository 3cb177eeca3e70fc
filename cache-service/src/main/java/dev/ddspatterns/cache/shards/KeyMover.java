package dev.ddspatterns.cache.shards;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import dev.ddspatterns.cache.shards.ReshardingRefused.Reason;
import dev.ddspatterns.cache.shards.RedisShard.Lookup;
import dev.ddspatterns.cache.shards.ShardMap.Migration;

/**
 * Moves the keys of a migration to their new owners, one key at a time: read value and
 * remaining time to live from the old owner in one step, copy them to the new owner
 * unless a client has written or deleted the key there since the migration began, then
 * delete the old copy. Every step carries the map's epoch, so a driver another replica
 * has taken over is refused.
 *
 * <p>
 * Running it twice is harmless (a key already moved is no longer on its old owner; a key
 * copied but not yet deleted is not copied again), so a migration is resumed by running
 * it again from the start.
 */
final class KeyMover {

	private final UnaryOperator<String> shardKey;

	/**
	 * @param shardKey the part of a key the ring hashes
	 */
	KeyMover(UnaryOperator<String> shardKey) {
		this.shardKey = shardKey;
	}

	/**
	 * @param topology the topology of a map with a migration under way
	 * @param stillDriving whether this replica still holds the driver's lease
	 * @return what was scanned and moved
	 * @throws ReshardingRefused if another replica took the migration over
	 */
	Moved move(Topology topology, BooleanSupplier stillDriving) {
		Migration migration = topology.map().migration();
		long epoch = topology.epoch();
		long scanned = 0;
		Map<String, Long> movedTo = new TreeMap<>();
		try {
			for (String source : migration.sources()) {
				RedisShard from = topology.shards().get(source);
				for (String key : from.keys()) {
					scanned++;
					String owner = topology.ring().nodeFor(this.shardKey.apply(key));
					if (owner.equals(source)) {
						continue;
					}
					if (!stillDriving.getAsBoolean()) {
						throw new ReshardingRefused(Reason.TAKEN_OVER, "Another replica took the migration over");
					}
					moveOne(key, from, topology.shards().get(owner), epoch, migration.id());
					movedTo.merge(owner, 1L, Long::sum);
				}
			}
		}
		catch (StaleEpochException stale) {
			throw new ReshardingRefused(Reason.TAKEN_OVER, "Another replica took the migration over (shard "
					+ stale.shard() + " is at epoch " + stale.fence() + ")");
		}
		return new Moved(scanned, movedTo.values().stream().mapToLong(Long::longValue).sum(), movedTo);
	}

	private static void moveOne(String key, RedisShard from, RedisShard to, long epoch, long migration) {
		long asked = System.nanoTime();
		Lookup found = from.lookupOnPrimary(key, epoch);
		if (found.state() == Lookup.State.VALUE) {
			// The time to live left now, counted from before the old owner was asked: a
			// moved value may die a little early, never late. A value that died on the
			// way
			// is not copied: PTTL's -2 never becomes a key without expiry.
			if (found.pttl() < 0) {
				to.copy(key, found.value(), -1, epoch, migration);
			}
			else {
				long left = found.pttl() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
				if (left > 0) {
					to.copy(key, found.value(), left, epoch, migration);
				}
			}
		}
		from.delete(key, epoch, 0);
	}

	/**
	 * What a migration moved.
	 *
	 * @param scanned keys found on the shards keys moved away from
	 * @param moved keys whose owner changed
	 * @param movedTo moved keys per new owner
	 */
	record Moved(long scanned, long moved, Map<String, Long> movedTo) {
	}

}
