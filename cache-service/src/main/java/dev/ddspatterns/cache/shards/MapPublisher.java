package dev.ddspatterns.cache.shards;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.shards.ReshardingRefused.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the shared shard map changes, used by the replica holding the driver's
 * lease: raise every shard's fence to the new epoch, then publish the map with a
 * compare-and-set on the epoch. Fencing first means that once any replica can route by
 * the new map, no shard accepts a request routed by the old one.
 *
 * <p>
 * A shard that cannot be fenced stops the change, and the old map is published again
 * under the new epoch, so the shards fenced already serve again: safe whatever the map
 * holds, since only its epoch changes. A replica that finds fences above the stored epoch
 * after a driver crashed between fencing and publishing does the same.
 */
final class MapPublisher {

	private static final Logger logger = LoggerFactory.getLogger(MapPublisher.class);

	private final MapFollower follower;

	private final ShardMapStore store;

	MapPublisher(MapFollower follower, ShardMapStore store) {
		this.follower = follower;
		this.store = store;
	}

	/**
	 * Fences every shard of {@code next} with its epoch, then publishes it in place of
	 * {@code current}, and routes by it.
	 * @param current the map read under the lease
	 * @param next the map to publish
	 * @return the published map
	 * @throws ReshardingRefused if a shard cannot be fenced or the map cannot be
	 * published
	 */
	ShardMap change(ShardMap current, ShardMap next) {
		long highest = next.epoch();
		try {
			for (CacheProperties.Shard shard : next.shards()) {
				highest = Math.max(highest, this.follower.connect(shard).fence(next.epoch()));
			}
		}
		catch (ShardUnavailableException ex) {
			reissue(current, next.epoch());
			throw new ReshardingRefused(Reason.MAP_UNAVAILABLE,
					"Shard " + ex.shard() + " cannot be fenced, so the shard map stays as it was", ex);
		}
		if (highest > next.epoch()) {
			reissue(current, highest);
			throw new ReshardingRefused(Reason.MAP_UNAVAILABLE,
					"An unfinished change had fenced the shards at epoch " + highest + "; try again");
		}
		if (!publish(current, next)) {
			throw new ReshardingRefused(Reason.MAP_UNAVAILABLE,
					"The shard map changed while this replica was changing it");
		}
		return next;
	}

	/**
	 * Publishes {@code current} again under an epoch at least {@code fence}, so requests
	 * pass shards a change fenced before it failed.
	 * @param current the stored map
	 * @param fence the highest fence known
	 */
	void reissue(ShardMap current, long fence) {
		try {
			publish(current, current.reissued(Math.max(fence, current.epoch() + 1)));
		}
		catch (RuntimeException ex) {
			logger.info("Could not publish the shard map again: {}", ex.getMessage());
		}
	}

	private boolean publish(ShardMap current, ShardMap next) {
		boolean published;
		try {
			published = this.store.publish(current.epoch(), next);
		}
		catch (RuntimeException ex) {
			throw new ReshardingRefused(Reason.MAP_UNAVAILABLE, "The shard map's server cannot be reached", ex);
		}
		if (published) {
			this.follower.install(next);
		}
		return published;
	}

}
