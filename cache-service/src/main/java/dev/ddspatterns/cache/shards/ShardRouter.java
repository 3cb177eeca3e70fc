package dev.ddspatterns.cache.shards;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
 * fetches the newer map ({@link ShardMapStore}) and routes again, as a Redis Cluster
 * client does on {@code MOVED}. It waits at most the catch-up timeout for a map at least
 * that new before it answers 503.
 *
 * <p>
 * While a migration moves a key from its previous owner to its new one:
 * <ul>
 * <li>a write goes to the new owner only, and leaves a moved-marker there: from then on
 * the new owner alone speaks for the key;</li>
 * <li>a read asks the new owner, then (no value, no marker) the previous owner, then the
 * new owner again, in case the key moved between the first two questions;</li>
 * <li>a delete removes the value at the new owner and leaves the marker, and asks the
 * previous owner only to learn whether there was a value.</li>
 * </ul>
 * The migration's copy ({@code scripts/copy.lua}) never overwrites a value or a marker,
 * so whatever a client did during the move wins.
 */
public final class ShardRouter implements AutoCloseable {

	private final KeySelection keySelection;

	private final ShardConnections connections;

	private final ShardMapStore store;

	private final Duration catchUpTimeout;

	private final AtomicLong highestFence = new AtomicLong();

	private volatile Topology topology;

	private volatile boolean stored;

	private final java.util.concurrent.locks.ReentrantLock refreshing = new java.util.concurrent.locks.ReentrantLock();

	ShardRouter(CacheProperties properties, ShardConnections connections, ShardMapStore store) {
		this.keySelection = properties.keySelection();
		this.connections = connections;
		this.store = store;
		this.catchUpTimeout = properties.shardMap().catchUpTimeout();
		this.topology = Topology.of(ShardMap.configured(properties.shards()), connections, null);
	}

	/**
	 * @param key the caller's key
	 * @return the shard that owns it by the current map
	 */
	public RedisShard shardFor(String key) {
		return this.topology.route(shardKey(key)).owner();
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
	 * @param key the caller's key
	 * @return whether a value was removed
	 */
	public boolean delete(String key) {
		return routed((topology) -> {
			Route route = topology.route(shardKey(key));
			Deletion deletion = route.owner().delete(key, topology.epoch(), route.migration());
			if (deletion.removed() || deletion.marked() || !route.moving()) {
				return deletion.removed();
			}
			// The value, if any, was still on the previous owner: it is dead now that
			// the marker is set, and deleting it there tells whether there was one.
			return route.previous().delete(key, topology.epoch(), 0).removed();
		});
	}

	/**
	 * Runs an operation on the current topology, and again on a newer one as long as a
	 * shard says the map is stale and a newer map turns up within the catch-up timeout.
	 */
	private <T> T routed(Function<Topology, T> operation) {
		long deadline = System.nanoTime() + this.catchUpTimeout.toNanos();
		while (true) {
			Topology current = this.topology;
			try {
				return operation.apply(current);
			}
			catch (StaleEpochException stale) {
				this.highestFence.accumulateAndGet(stale.fence(), Math::max);
				if (!catchUp(stale.fence(), deadline)) {
					throw new ShardUnavailableException(
							stale.shard(), "The shard map is changing (shard " + stale.shard() + " is at epoch "
									+ stale.fence() + ", this replica at " + this.topology.epoch() + "); try again",
							stale);
				}
			}
		}
	}

	private boolean catchUp(long epoch, long deadline) {
		while (this.topology.epoch() < epoch) {
			// One request thread reads the map; the others wait for what it finds.
			if (this.refreshing.tryLock()) {
				try {
					refresh();
				}
				catch (RuntimeException ex) {
					// The map's server is unreachable: wait for it until the deadline.
				}
				finally {
					this.refreshing.unlock();
				}
			}
			if (this.topology.epoch() >= epoch) {
				break;
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads the stored map and routes by it if it is newer. Where no map is stored yet,
	 * stores this replica's own first; where the stored one is older than this replica's
	 * (its server restarted empty and a replica that knew less stored its map first),
	 * stores this replica's, so the map comes back at the newest epoch any replica knows.
	 * @return the map routed by now
	 * @throws RuntimeException if the map's server cannot be read
	 */
	ShardMap refresh() {
		Optional<ShardMap> found = this.store.read();
		ShardMap own = this.topology.map();
		long storedEpoch = found.map(ShardMap::epoch).orElse(0L);
		if (found.isEmpty() || storedEpoch < own.epoch()) {
			this.store.publish(storedEpoch, (own.epoch() == 0) ? own.asFirst() : own);
			found = this.store.read();
		}
		found.ifPresent(this::install);
		this.stored = this.stored || found.isPresent();
		return this.topology.map();
	}

	/**
	 * Routes by {@code map} from now on, unless the router already routes by a newer one.
	 * @param map a map read from or written to the store
	 */
	synchronized void install(ShardMap map) {
		Topology current = this.topology;
		if (map.epoch() <= current.epoch()) {
			return;
		}
		this.topology = Topology.of(map, this.connections, current);
		this.connections.retainOnly(this.topology.shards().keySet());
	}

	/**
	 * @return the map routed by now
	 */
	public ShardMap map() {
		return this.topology.map();
	}

	/**
	 * @return whether the router has read the shared map at least once, rather than
	 * routing by its configuration alone
	 */
	public boolean routesByStoredMap() {
		return this.stored;
	}

	/**
	 * @return the epoch each replica noted recently that it routes by, by replica id;
	 * empty if the map's server cannot be read
	 */
	public Optional<java.util.Map<String, Long>> epochsByReplica() {
		try {
			return Optional.of(this.store.seenBy());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @return the topology routed by now
	 */
	Topology topology() {
		return this.topology;
	}

	/**
	 * @return the highest fence a shard has refused this replica with
	 */
	long highestFenceSeen() {
		return this.highestFence.get();
	}

	/**
	 * @param shard a shard a map names, perhaps not yet routed to
	 * @return a connection to it
	 */
	RedisShard connect(CacheProperties.Shard shard) {
		return this.connections.get(shard);
	}

	/**
	 * @return the shards of the current map, in the map's order
	 */
	public List<RedisShard> shards() {
		return List.copyOf(this.topology.shards().values());
	}

	@Override
	public void close() {
		this.connections.close();
	}

}
