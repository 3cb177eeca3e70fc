package dev.ddspatterns.cache;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ddspatterns.cache.hotkeys.HotKeyDetector;
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
 * Reads of hot keys are answered from a small near cache in this instance's memory, so a
 * key that every request wants stops hammering the one shard that owns it. The price is
 * staleness: a write through another instance is seen here only when the near-cache entry
 * expires, which is why its time to live is short. Writes through this instance
 * invalidate it at once.
 */
@Component
public class ShardedCache {

	private final ShardRouter router;

	private final HotKeyDetector hotKeys;

	private final Cache<String, StoredValue.Read> nearCache;

	private final MeterRegistry meters;

	ShardedCache(ShardRouter router, HotKeyDetector hotKeys, CacheProperties properties, MeterRegistry meters) {
		this.router = router;
		this.hotKeys = hotKeys;
		this.meters = meters;
		this.nearCache = Caffeine.newBuilder()
			.expireAfterWrite(properties.hotKeys().nearCacheTtl())
			.maximumSize(properties.hotKeys().nearCacheSize())
			.build();
	}

	/**
	 * @param key the key
	 * @return the value, its remaining time to live and where it came from
	 */
	public Optional<StoredValue.Read> get(String key) {
		boolean hot = this.hotKeys.recordRead(key);
		StoredValue.Read near = this.nearCache.getIfPresent(key);
		if (near != null) {
			this.meters.counter("cache.near.hits").increment();
			return Optional.of(near);
		}
		RedisShard shard = this.router.shardFor(key);
		Optional<StoredValue.Read> read = timed(shard, "get", () -> this.router.read(key));
		this.meters.counter("cache.requests", "shard", shard.name(), "result", read.isPresent() ? "hit" : "miss")
			.increment();
		if (hot && read.isPresent()) {
			this.nearCache.put(key, new StoredValue.Read(read.get().value(), read.get().ttl(), "near-cache"));
		}
		return read;
	}

	/**
	 * @param key the key
	 * @param value the value
	 * @param ttl how long it lives
	 */
	public void put(String key, StoredValue value, Duration ttl) {
		this.nearCache.invalidate(key);
		RedisShard shard = this.router.shardFor(key);
		timed(shard, "put", () -> {
			this.router.put(key, value, ttl);
			return null;
		});
	}

	/**
	 * @param key the key
	 * @return whether it was there
	 */
	public boolean delete(String key) {
		this.nearCache.invalidate(key);
		RedisShard shard = this.router.shardFor(key);
		return timed(shard, "delete", () -> this.router.delete(key));
	}

	private <T> T timed(RedisShard shard, String operation, java.util.function.Supplier<T> call) {
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
