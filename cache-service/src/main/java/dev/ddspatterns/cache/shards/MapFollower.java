package dev.ddspatterns.cache.shards;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.ddspatterns.cache.CacheProperties;

/**
 * This replica's copy of the shared shard map, made usable as a {@link Topology} and kept
 * on the newest epoch: by {@link ShardMapSync}'s loop, by a request a shard refused as
 * stale ({@link #catchUp}), and by the replica's own changes ({@link #install}).
 */
final class MapFollower implements AutoCloseable {

	private final ShardMapStore store;

	private final ShardConnections connections;

	private final AtomicLong highestFence = new AtomicLong();

	private final ReentrantLock refreshing = new ReentrantLock();

	private volatile Topology topology;

	private volatile boolean stored;

	/**
	 * @param configured the map of the configured shards, routed by (at epoch 0) until
	 * the stored map has been read
	 * @param store where the shared map lives
	 * @param connections where shard connections come from
	 */
	MapFollower(ShardMap configured, ShardMapStore store, ShardConnections connections) {
		this.store = store;
		this.connections = connections;
		this.topology = Topology.of(configured, connections, null);
	}

	/**
	 * @return the topology routed by now
	 */
	Topology topology() {
		return this.topology;
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
	 * Routes by {@code map} from now on, unless a newer one is routed by already.
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
	 * Waits until this replica routes by a map at least as new as a shard's fence,
	 * reading the store meanwhile (one request thread reads, the others wait for what it
	 * finds).
	 * @param fence the fence a shard refused a request with
	 * @param deadline {@link System#nanoTime()} to give up at
	 * @return whether the replica now routes by such a map
	 */
	boolean catchUp(long fence, long deadline) {
		this.highestFence.accumulateAndGet(fence, Math::max);
		while (this.topology.epoch() < fence) {
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
			if (this.topology.epoch() >= fence) {
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
	 * @return whether the stored map has been read at least once, rather than routing by
	 * the configuration alone
	 */
	boolean routesByStoredMap() {
		return this.stored;
	}

	/**
	 * @return the highest fence a shard has refused this replica with
	 */
	long highestFenceSeen() {
		return this.highestFence.get();
	}

	/**
	 * @return the epoch each replica noted recently that it routes by, by replica id;
	 * empty if the map's server cannot be read
	 */
	Optional<Map<String, Long>> epochsByReplica() {
		try {
			return Optional.of(this.store.seenBy());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @param shard a shard a map names, perhaps not yet routed to
	 * @return a connection to it
	 */
	RedisShard connect(CacheProperties.Shard shard) {
		return this.connections.get(shard);
	}

	@Override
	public void close() {
		this.connections.close();
	}

}
