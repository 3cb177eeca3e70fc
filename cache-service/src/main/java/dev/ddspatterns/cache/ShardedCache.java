package dev.ddspatterns.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import dev.ddspatterns.cache.hotkeys.HotKeyDetector;
import dev.ddspatterns.cache.hotkeys.NearCache;
import dev.ddspatterns.cache.shards.Invalidations;
import dev.ddspatterns.cache.shards.RedisShard;
import dev.ddspatterns.cache.shards.ShardRouter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The cache as a caller sees it: one key space, although every key lives on one of
 * several Redis shards (the sharding ambassador).
 *
 * <p>
 * Reads of hot keys are answered from a small near cache in this replica's memory, so a
 * key that every request wants stops hammering the one shard that owns it. Every write,
 * through whichever replica, is announced before it is acknowledged, and each replica's
 * near cache drops the key when the announcement arrives ({@link Invalidations}): a
 * replica serves a replaced value for at most the time one announcement takes to arrive,
 * and not at all while it cannot hear announcements.
 */
@Component
public class ShardedCache {

	private final ShardRouter router;

	private final HotKeyDetector hotKeys;

	private final NearCache<StoredValue.Read> nearCache;

	private final Invalidations invalidations;

	private final MeterRegistry meters;

	ShardedCache(ShardRouter router, HotKeyDetector hotKeys, NearCache<StoredValue.Read> nearCache,
			Invalidations invalidations, MeterRegistry meters) {
		this.router = router;
		this.hotKeys = hotKeys;
		this.nearCache = nearCache;
		this.invalidations = invalidations;
		this.meters = meters;
	}

	/**
	 * @param key the key
	 * @return the value, its remaining time to live and where it came from
	 */
	public Optional<StoredValue.Read> get(String key) {
		boolean hot = this.hotKeys.recordRead(key);
		StoredValue.Read near = this.nearCache.get(key);
		if (near != null) {
			this.meters.counter("cache.near.hits").increment();
			return Optional.of(near);
		}
		NearCache.Ticket ticket = this.nearCache.beginRead(key);
		RedisShard shard = this.router.shardFor(key);
		Optional<StoredValue.Read> read = timed(shard, "get", () -> this.router.read(key));
		this.meters.counter("cache.requests", "shard", shard.name(), "result", read.isPresent() ? "hit" : "miss")
			.increment();
		if (hot && read.isPresent()) {
			this.nearCache.offer(key, ticket, new StoredValue.Read(read.get().value(), read.get().ttl(), "near-cache"));
		}
		return read;
	}

	/**
	 * @param key the key
	 * @param value the value
	 * @param ttl how long it lives
	 */
	public void put(String key, StoredValue value, Duration ttl) {
		RedisShard shard = this.router.shardFor(key);
		try {
			timed(shard, "put", () -> {
				this.router.put(key, value, ttl);
				return null;
			});
		}
		finally {
			this.invalidations.announce(key);
		}
	}

	/**
	 * @param key the key
	 * @return whether it was there
	 */
	public boolean delete(String key) {
		RedisShard shard = this.router.shardFor(key);
		try {
			return timed(shard, "delete", () -> this.router.delete(key));
		}
		finally {
			this.invalidations.announce(key);
		}
	}

	private <T> T timed(RedisShard shard, String operation, Supplier<T> call) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "error";
		try {
			T result = call.get();
			outcome = "success";
			return result;
		}
		finally {
			sample.stop(this.meters.timer("cache.shard.operations", "shard", shard.name(), "operation", operation,
					"outcome", outcome));
		}
	}

}
