package dev.ddspatterns.cache.shards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.sharding.ConsistentHashRing;
import dev.ddspatterns.sharding.KeyHash;
import dev.ddspatterns.sharding.ShardSelector;
import org.jspecify.annotations.Nullable;

/**
 * A shard map made usable: its rings built and its shards connected. Immutable and
 * swapped whole, so a request sees one map from start to end.
 *
 * @param map the shard map
 * @param ring the sharding function now
 * @param previousRing the sharding function before the migration under way, or
 * {@code null}
 * @param shards a connection to every shard the map names
 */
record Topology(ShardMap map, ShardSelector ring, @Nullable ShardSelector previousRing,
		Map<String, RedisShard> shards) {

	Topology {
		shards = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shards));
	}

	/**
	 * @param map the map to route by
	 * @param connections where shard connections come from
	 * @param before the topology in use, whose rings are reused when their members are
	 * the same (building one takes tens of milliseconds), or {@code null}
	 * @return the topology of {@code map}
	 */
	static Topology of(ShardMap map, ShardConnections connections, @Nullable Topology before) {
		Map<String, RedisShard> shards = new LinkedHashMap<>();
		for (CacheProperties.Shard shard : map.shards()) {
			shards.put(shard.name(), connections.get(shard));
		}
		ShardSelector previous = (map.migration() != null) ? ring(map.migration().previousRing(), before) : null;
		return new Topology(map, ring(map.ring(), before), previous, shards);
	}

	private static ShardSelector ring(List<String> members, @Nullable Topology before) {
		if (before != null && sameMembers(before.map().ring(), members)) {
			return before.ring();
		}
		if (before != null && before.previousRing() != null
				&& sameMembers(before.map().migration().previousRing(), members)) {
			return before.previousRing();
		}
		return ConsistentHashRing.of(members);
	}

	private static boolean sameMembers(List<String> a, List<String> b) {
		return a.size() == b.size() && a.containsAll(b);
	}

	long epoch() {
		return this.map.epoch();
	}

	/**
	 * @param shardKey the part of a key the ring hashes
	 * @return where the key lives now, and where it lived before the migration under way
	 */
	Route route(String shardKey) {
		long hash = KeyHash.of(shardKey);
		RedisShard owner = this.shards.get(this.ring.nodeForHash(hash));
		if (this.previousRing == null) {
			return new Route(owner, owner, 0);
		}
		RedisShard previous = this.shards.get(this.previousRing.nodeForHash(hash));
		return (previous == owner) ? new Route(owner, owner, 0) : new Route(owner, previous, this.map.migration().id());
	}

	/**
	 * Where a key lives.
	 *
	 * @param owner its owner by the map's ring
	 * @param previous its owner before the migration under way; {@code owner} when it
	 * does not move
	 * @param migration the id of the migration moving it, 0 if it does not move
	 */
	record Route(RedisShard owner, RedisShard previous, long migration) {

		boolean moving() {
			return this.migration != 0;
		}

	}

}
