package dev.ddspatterns.cache.shards;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.ddspatterns.cache.CacheProperties;

/**
 * The open connections to shards, one {@link RedisShard} per shard name, reused from one
 * shard map to the next. A shard a new map no longer names is closed a little later, so a
 * request still routed by the old map finishes first.
 */
final class ShardConnections implements AutoCloseable {

	private final RedisShardFactory factory;

	private final Duration closeDelay;

	private final Map<String, RedisShard> open = new ConcurrentHashMap<>();

	ShardConnections(RedisShardFactory factory, Duration closeDelay) {
		this.factory = factory;
		this.closeDelay = closeDelay;
	}

	/**
	 * @param spec a shard
	 * @return its connection, opened if needed, or reopened if its servers changed
	 */
	RedisShard get(CacheProperties.Shard spec) {
		RedisShard shard = this.open.compute(spec.name(), (name, current) -> {
			if (current != null && current.spec().equals(spec)) {
				return current;
			}
			if (current != null) {
				closeLater(current);
			}
			return this.factory.create(spec);
		});
		return shard;
	}

	/**
	 * Closes the connections of shards no longer named.
	 * @param names the shards to keep
	 */
	void retainOnly(Collection<String> names) {
		for (String name : List.copyOf(this.open.keySet())) {
			if (!names.contains(name)) {
				RedisShard shard = this.open.remove(name);
				if (shard != null) {
					closeLater(shard);
				}
			}
		}
	}

	private void closeLater(RedisShard shard) {
		CompletableFuture.delayedExecutor(this.closeDelay.toMillis(), TimeUnit.MILLISECONDS).execute(shard::close);
	}

	@Override
	public void close() {
		this.open.values().forEach(RedisShard::close);
		this.open.clear();
	}

}
