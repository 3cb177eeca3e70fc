package dev.ddspatterns.cache.shards;

import dev.ddspatterns.cache.hotkeys.NearCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The near caches' invalidation channel, on the shard map's Redis server: a write through
 * any replica is announced there before it is acknowledged, and every replica's near
 * cache drops the key when the announcement arrives. While a replica's subscription is
 * down, its near cache is suspended.
 */
public final class Invalidations implements ShardMapStore.InvalidationListener {

	private static final Logger logger = LoggerFactory.getLogger(Invalidations.class);

	private final ShardMapStore store;

	private final NearCache<?> nearCache;

	Invalidations(ShardMapStore store, NearCache<?> nearCache) {
		this.store = store;
		this.nearCache = nearCache;
	}

	/**
	 * Announces a write to every replica, this one included.
	 * @param key the key written
	 */
	public void announce(String key) {
		this.nearCache.invalidate(key);
		try {
			this.store.publishInvalidation(key);
		}
		catch (RuntimeException ex) {
			// The other replicas' near caches keep the old value until it expires
			// (suite.cache.hot-keys.near-cache-ttl): the bound when this fails.
			logger.debug("Could not announce a write of {}: {}", key, ex.getMessage());
		}
	}

	@Override
	public void invalidated(String key) {
		this.nearCache.invalidate(key);
	}

	@Override
	public void listening() {
		this.nearCache.resume();
	}

	@Override
	public void deaf() {
		this.nearCache.suspend();
	}

}
