package dev.ddspatterns.cache.shards;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.CacheProperties.KeySelection;
import dev.ddspatterns.cache.StoredValue;
import dev.ddspatterns.cache.shards.RedisShard.Deletion;
import dev.ddspatterns.cache.shards.RedisShard.Lookup;
import dev.ddspatterns.cache.shards.Topology.Route;
import dev.ddspatterns.sharding.HashTag;

/**
 * The sharding function at work: every key goes through the consistent-hash ring of the
 * shared shard map to the one shard that owns it.
 *
 * <p>
 * The map and its connected shards form one immutable {@link Topology} swapped
 * atomically, so a request sees one map from start to end. Every request carries the
 * map's epoch to the shard; a shard fenced with a newer epoch refuses it, and the router
 * fetches the newer map ({@link MapFollower}) and routes again, as a Redis Cluster client
 * does on {@code MOVED}. It waits at most the catch-up timeout for a map at least that
 * new before it answers 503.
 *
 * <p>
 * While a migration moves a key from its previous owner to its new one:
 * <ul>
 * <li>a write goes to the new owner only, and leaves a moved-marker there: from then on
 * the new owner alone speaks for the key;</li>
 * <li>a read asks the new owner, then (no value, no marker) the previous owner, then the
 * new owner again, in case the key moved between the first two questions;</li>
 * <li>a delete asks the previous owner whether it holds a value, then removes the value
 * at the new owner and leaves the marker.</li>
 * </ul>
 * The migration's copy ({@code scripts/copy.lua}) never overwrites a value or a marker,
 * so whatever a client did during the move wins.
 */
public final class ShardRouter {

	private final KeySelection keySelection;

	private final MapFollower follower;

	private final Duration catchUpTimeout;

	ShardRouter(CacheProperties properties, MapFollower follower) {
		this.keySelection = properties.keySelection();
		this.follower = follower;
		this.catchUpTimeout = properties.shardMap().catchUpTimeout();
	}

	/**
	 * @param key the caller's key
	 * @return the shard that owns it by the current map
	 */
	public RedisShard shardFor(String key) {
		return this.follower.topology().route(shardKey(key)).owner();
	}

	/**
	 * @param key the caller's key
	 * @return the part of the key the ring hashes
	 */
	public String shardKey(String key) {
		return (this.keySelection == KeySelection.HASH_TAG) ? HashTag.select(key) : key;
	}

	/**
	 * @param key the caller's key
	 * @return the value if present
	 */
	public Optional<StoredValue.Read> read(String key) {
		return routed((topology) -> {
			Route route = topology.route(shardKey(key));
			long epoch = topology.epoch();
			Lookup found = route.owner().lookup(key, epoch, route.migration());
			if (route.moving() && found.state() == Lookup.State.ABSENT) {
				found = route.previous().lookup(key, epoch, 0);
				if (found.state() == Lookup.State.ABSENT) {
					found = route.owner().lookup(key, epoch, route.migration());
				}
			}
			return (found.state() == Lookup.State.VALUE)
					? Optional.of(new StoredValue.Read(StoredValue.decode(found.value()),
							(found.pttl() >= 0) ? Duration.ofMillis(found.pttl()) : null, found.source()))
					: Optional.empty();
		});
	}

	/**
	 * @param key the caller's key
	 * @param value the value
	 * @param ttl how long it lives
	 */
	public void put(String key, StoredValue value, Duration ttl) {
		byte[] encoded = value.encode();
		routed((topology) -> {
			Route route = topology.route(shardKey(key));
			route.owner().put(key, encoded, ttl.toMillis(), topology.epoch(), route.migration());
			return null;
		});
	}

	/**
	 * During a move, the previous owner is asked first whether it holds the value, and
	 * only then does the new owner delete and leave its marker: the marker is the
	 * request's one write, and it comes last. A shard that refuses a stale map has
	 * changed nothing, so the delete runs again under the newer map as if for the first
	 * time. (The other order, marker first, made a retry find its own marker and answer
	 * 404 for a value it had just deleted.) The previous owner's copy, dead behind the
	 * marker, is removed when the migration reaches it ({@link KeyMover}).
	 * @param key the caller's key
	 * @return whether a value was removed
	 */
	public boolean delete(String key) {
		return routed((topology) -> {
			Route route = topology.route(shardKey(key));
			boolean previousHeld = route.moving()
					&& route.previous().lookupOnPrimary(key, topology.epoch()).state() == Lookup.State.VALUE;
			Deletion deletion = route.owner().delete(key, topology.epoch(), route.migration());
			// A marker already there means a client wrote or deleted the key during the
			// move: the previous owner's value was dead before this delete.
			return deletion.removed() || (previousHeld && !deletion.marked());
		});
	}

	/**
	 * Runs an operation on the current topology, and again on a newer one as long as a
	 * shard says the map is stale and a newer map turns up within the catch-up timeout.
	 */
	private <T> T routed(Function<Topology, T> operation) {
		long deadline = System.nanoTime() + this.catchUpTimeout.toNanos();
		while (true) {
			Topology current = this.follower.topology();
			try {
				return operation.apply(current);
			}
			catch (StaleEpochException stale) {
				if (!this.follower.catchUp(stale.fence(), deadline)) {
					throw new ShardUnavailableException(stale.shard(),
							"The shard map is changing (shard " + stale.shard() + " is at epoch " + stale.fence()
									+ ", this replica at " + this.follower.topology().epoch() + "); try again",
							stale);
				}
			}
		}
	}

	/**
	 * @return the map routed by now
	 */
	public ShardMap map() {
		return this.follower.topology().map();
	}

	/**
	 * @return whether the router has read the shared map at least once, rather than
	 * routing by its configuration alone
	 */
	public boolean routesByStoredMap() {
		return this.follower.routesByStoredMap();
	}

	/**
	 * @return the epoch each replica noted recently that it routes by, by replica id;
	 * empty if the map's server cannot be read
	 */
	public Optional<Map<String, Long>> epochsByReplica() {
		return this.follower.epochsByReplica();
	}

	/**
	 * @return the shards of the current map, in the map's order
	 */
	public List<RedisShard> shards() {
		return List.copyOf(this.follower.topology().shards().values());
	}

}
