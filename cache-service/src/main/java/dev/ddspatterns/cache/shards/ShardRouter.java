package dev.ddspatterns.cache.shards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.CacheProperties.KeySelection;
import dev.ddspatterns.cache.StoredValue;
import dev.ddspatterns.sharding.ConsistentHashRing;
import dev.ddspatterns.sharding.HashTag;
import dev.ddspatterns.sharding.ShardSelector;

/**
 * The sharding function at work: every key goes through the consistent-hash ring to the
 * one shard that owns it.
 *
 * <p>
 * The ring and the shards form one immutable {@link Topology} swapped atomically, so a
 * request sees either the old or the new layout, never half of each. While keys are being
 * migrated after a shard joins or leaves, the topology also keeps the previous ring: a
 * key not found at its new owner is looked up at its old one, so live resharding loses no
 * reads.
 */
public final class ShardRouter implements AutoCloseable {

	private final KeySelection keySelection;

	private final RedisShardFactory shardFactory;

	private volatile Topology topology;

	ShardRouter(CacheProperties properties, RedisShardFactory shardFactory) {
		this.keySelection = properties.keySelection();
		this.shardFactory = shardFactory;
		Map<String, RedisShard> shards = new LinkedHashMap<>();
		properties.shards().forEach((shard) -> shards.put(shard.name(), shardFactory.create(shard)));
		this.topology = new Topology(ConsistentHashRing.of(shards.keySet()), shards, null);
	}

	/**
	 * @param key the caller's key
	 * @return the shard that owns it
	 */
	public RedisShard shardFor(String key) {
		Topology current = this.topology;
		return current.shards().get(current.ring().nodeFor(shardKey(key)));
	}

	/**
	 * @param key the caller's key
	 * @return the part of the key the ring hashes
	 */
	public String shardKey(String key) {
		return (this.keySelection == KeySelection.HASH_TAG) ? HashTag.select(key) : key;
	}

	/**
	 * Reads a key from its owner, or from its previous owner while it may not have moved
	 * yet.
	 * @param key the caller's key
	 * @return the value if present
	 */
	public Optional<StoredValue.Read> read(String key) {
		Topology current = this.topology;
		String shardKey = shardKey(key);
		Optional<StoredValue.Read> read = current.shards().get(current.ring().nodeFor(shardKey)).get(key);
		if (read.isEmpty() && current.previousRing() != null) {
			return current.shards().get(current.previousRing().nodeFor(shardKey)).get(key);
		}
		return read;
	}

	/**
	 * Deletes a key from its owner and, while resharding, from its previous owner.
	 * @param key the caller's key
	 * @return whether a value was removed
	 */
	public boolean delete(String key) {
		Topology current = this.topology;
		String shardKey = shardKey(key);
		boolean deleted = current.shards().get(current.ring().nodeFor(shardKey)).delete(key);
		if (current.previousRing() != null) {
			deleted |= current.shards().get(current.previousRing().nodeFor(shardKey)).delete(key);
		}
		return deleted;
	}

	/**
	 * @return the current shards in ring order of configuration
	 */
	public List<RedisShard> shards() {
		return List.copyOf(this.topology.shards().values());
	}

	/**
	 * @return the topology requests use now
	 */
	Topology topology() {
		return this.topology;
	}

	/**
	 * Installs a new topology; {@link Resharding} is the only caller.
	 * @param next the topology to use from now on
	 */
	void install(Topology next) {
		this.topology = next;
	}

	RedisShard connect(CacheProperties.Shard shard) {
		return this.shardFactory.create(shard);
	}

	@Override
	public void close() {
		this.topology.shards().values().forEach(RedisShard::close);
	}

	/**
	 * Which shard owns which key.
	 *
	 * @param ring the sharding function now
	 * @param shards the shards by name, including one being drained
	 * @param previousRing the sharding function before a change whose keys are still
	 * moving, or {@code null}
	 */
	record Topology(ShardSelector ring, Map<String, RedisShard> shards, ShardSelector previousRing) {

		Topology {
			shards = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shards));
		}

	}

}
