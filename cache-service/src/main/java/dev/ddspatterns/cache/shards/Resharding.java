package dev.ddspatterns.cache.shards;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.shards.ReshardingRefused.Reason;
import dev.ddspatterns.cache.shards.ShardMap.Repair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds or removes a shard while the cache serves, for every replica at once.
 *
 * <p>
 * A change of the shared {@link ShardMap} is always made the same way, by the one replica
 * holding the {@link DriverLease}: fence every shard, then publish
 * ({@link MapPublisher}).
 *
 * <p>
 * Adding or removing a shard is three such changes: publish the map with the migration
 * under way, move the keys whose owner changed ({@link KeyMover}), publish the finished
 * map. If the driver dies half-way, another replica finds the migration with no lease,
 * takes it over under a new epoch (which fences the old driver out) and runs it again
 * from the start: moving is idempotent. The same operation asked twice is answered
 * without a second move; a different one asked while a migration runs is refused.
 */
public final class Resharding implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Resharding.class);

	private final MapFollower follower;

	private final ShardMapStore store;

	private final MapPublisher publisher;

	private final KeyMover mover;

	private final String instanceId;

	private final Duration leaseTtl;

	private final Clock clock;

	private final ScheduledExecutorService renewals = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("shard-map-lease").daemon().factory());

	private final ExecutorService repairs = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("shard-map-repair").daemon().factory());

	private final AtomicBoolean driving = new AtomicBoolean();

	Resharding(ShardRouter router, MapFollower follower, ShardMapStore store, String instanceId,
			CacheProperties.SharedMap settings, Clock clock) {
		this.follower = follower;
		this.store = store;
		this.publisher = new MapPublisher(follower, store);
		this.mover = new KeyMover(router::shardKey);
		this.instanceId = instanceId;
		this.leaseTtl = settings.driverLease();
		this.clock = clock;
	}

	/**
	 * @param shard the new shard
	 * @return what moved; nothing if the shard is a member already, exactly so
	 * @throws ReshardingRefused if a migration runs, the name is taken by other servers,
	 * or the map cannot be changed now
	 * @throws ShardUnavailableException if the new shard does not answer
	 */
	public ReshardReport addShard(CacheProperties.Shard shard) {
		ShardMap current = freshMap();
		if (current.hasMember(shard)) {
			return ReshardReport.unchanged("add", shard.name(), current.epoch());
		}
		current.adding(shard, this.instanceId);
		this.follower.connect(shard).keyCount();
		return drive("add", shard.name(), (map) -> map.hasMember(shard) ? null : map.adding(shard, this.instanceId));
	}

	/**
	 * @param name the shard to drain and remove
	 * @return what moved
	 * @throws ReshardingRefused if a migration runs, there is no such shard, it is the
	 * last one, or the map cannot be changed now
	 */
	public ReshardReport removeShard(String name) {
		freshMap().removing(name, this.instanceId);
		return drive("remove", name, (map) -> map.removing(name, this.instanceId));
	}

	/**
	 * Takes the lease, reads the map again under it (a change may have happened since the
	 * first look) and carries the change out.
	 */
	private ReshardReport drive(String action, String shard, Function<ShardMap, ShardMap> change) {
		return whileDriving((lease) -> {
			ShardMap current = freshMap();
			ShardMap next = change.apply(current);
			if (next == null) {
				return ReshardReport.unchanged(action, shard, current.epoch());
			}
			return migrate(action, this.publisher.change(current, next), lease);
		});
	}

	/**
	 * Looks for a map left unattended (a migration whose driver stopped renewing its
	 * lease, or fences above the stored epoch after a crashed change) and, if there is
	 * one, repairs it in the background. The sync loop calls this after each poll.
	 */
	void repairIfNeeded() {
		if (this.driving.get()) {
			return;
		}
		ShardMap stored = this.follower.topology().map();
		if (stored.repair(this.follower.highestFenceSeen(), false) == Repair.NONE
				|| stored.repair(this.follower.highestFenceSeen(), this.store.leaseHeld()) == Repair.NONE) {
			return;
		}
		this.repairs.execute(() -> {
			try {
				whileDriving((lease) -> {
					ShardMap current = freshMap();
					switch (current.repair(this.follower.highestFenceSeen(), false)) {
						case TAKE_OVER -> {
							logger.info("Taking over {} at epoch {}", current.migration(), current.epoch());
							ReshardReport report = migrate("resume",
									this.publisher.change(current, current.takenOverBy(this.instanceId)), lease);
							logger.info("Finished the migration taken over: {}", report);
						}
						case REISSUE -> this.publisher.reissue(current, this.follower.highestFenceSeen());
						case NONE -> {
						}
					}
					return null;
				});
			}
			catch (RuntimeException ex) {
				logger.info("Could not repair the shard map: {}", ex.getMessage());
			}
		});
	}

	/**
	 * Runs {@code work} holding the driver's lease.
	 * @throws ReshardingRefused if another replica, or another thread of this one, holds
	 * it
	 */
	private <T> T whileDriving(Function<DriverLease, T> work) {
		DriverLease lease = DriverLease.acquire(this.store, this.instanceId, this.leaseTtl, this.renewals);
		this.driving.set(true);
		try (lease) {
			return work.apply(lease);
		}
		finally {
			this.driving.set(false);
		}
	}

	private ReshardReport migrate(String action, ShardMap moving, DriverLease lease) {
		Instant start = this.clock.instant();
		KeyMover.Moved moved = this.mover.move(this.follower.topology(), lease::held);
		ShardMap finished = this.publisher.change(moving, moving.finished());
		for (RedisShard shard : this.follower.topology().shards().values()) {
			try {
				shard.clearMarkers();
			}
			catch (ShardUnavailableException ex) {
				// Harmless: a marker means something only to its own migration, and
				// expires.
				logger.info("Could not clear the moved-markers of {}: {}", shard.name(), ex.getMessage());
			}
		}
		double fraction = (moved.scanned() > 0) ? (double) moved.moved() / moved.scanned() : 0;
		return new ReshardReport(action, moving.migration().shard(), finished.epoch(), moved.scanned(), moved.moved(),
				fraction, moved.movedTo(), Duration.between(start, this.clock.instant()).toMillis());
	}

	private ShardMap freshMap() {
		try {
			return this.follower.refresh();
		}
		catch (RuntimeException ex) {
			throw new ReshardingRefused(Reason.MAP_UNAVAILABLE, "The shard map's server cannot be reached", ex);
		}
	}

	@Override
	public void close() {
		this.repairs.shutdownNow();
		this.renewals.shutdownNow();
	}

	/**
	 * What a shard change moved.
	 *
	 * @param action {@code add}, {@code remove}, or {@code resume} for a migration taken
	 * over
	 * @param shard the shard added or removed
	 * @param epoch the epoch of the map once the change was done
	 * @param keysScanned keys found on the shards keys move away from: every old shard
	 * when one joins, the leaving shard when one leaves
	 * @param keysMoved keys whose owner changed
	 * @param movedFraction keysMoved / keysScanned
	 * @param movedTo moved keys per new owner
	 * @param tookMillis how long the migration took
	 */
	public record ReshardReport(String action, String shard, long epoch, long keysScanned, long keysMoved,
			double movedFraction, Map<String, Long> movedTo, long tookMillis) {

		static ReshardReport unchanged(String action, String shard, long epoch) {
			return new ReshardReport(action, shard, epoch, 0, 0, 0, Map.of(), 0);
		}

	}

}
