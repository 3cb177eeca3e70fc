package dev.ddspatterns.cache.shards;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.ddspatterns.cache.shards.ReshardingRefused.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease of the one replica that may change the shard map: held while it fences,
 * publishes and moves keys, renewed every third of its time to live. A replica whose
 * driver stopped renewing (killed, frozen, cut off) finds the lease gone and takes the
 * migration over. The old driver cannot do harm if it wakes up: the takeover raised every
 * shard's fence, so its copies and deletes are refused; and it stops as soon as a renewal
 * says the lease is someone else's.
 */
final class DriverLease implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DriverLease.class);

	private final ShardMapStore store;

	private final String holder;

	private final Duration ttl;

	private final ScheduledFuture<?> renewal;

	private volatile boolean lost;

	private DriverLease(ShardMapStore store, String holder, Duration ttl, ScheduledExecutorService scheduler) {
		this.store = store;
		this.holder = holder;
		this.ttl = ttl;
		long every = ttl.toMillis() / 3;
		this.renewal = scheduler.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * @param store the map's store
	 * @param holder this replica's id
	 * @param ttl the lease's time to live
	 * @param scheduler runs the renewals
	 * @return the lease, renewed until closed
	 * @throws ReshardingRefused if another replica holds it, or the store cannot be
	 * reached
	 */
	static DriverLease acquire(ShardMapStore store, String holder, Duration ttl, ScheduledExecutorService scheduler) {
		boolean acquired;
		try {
			acquired = store.acquireLease(holder, ttl);
		}
		catch (RuntimeException ex) {
			throw new ReshardingRefused(Reason.MAP_UNAVAILABLE, "The shard map's server cannot be reached", ex);
		}
		if (!acquired) {
			String other = store.leaseHolder().orElse("another replica");
			throw new ReshardingRefused(Reason.MIGRATION_RUNNING, other + " is changing the shard map");
		}
		return new DriverLease(store, holder, ttl, scheduler);
	}

	private void renew() {
		try {
			if (!this.store.renewLease(this.holder, this.ttl)) {
				this.lost = true;
				logger.warn("Lost the shard map driver's lease; another replica has taken over");
			}
		}
		catch (RuntimeException ex) {
			// Cannot tell: keep going. If another replica takes over meanwhile, its
			// fences
			// refuse whatever this one still does.
			logger.debug("Could not renew the driver's lease: {}", ex.getMessage());
		}
	}

	/**
	 * @return whether this replica still holds the lease, as far as it knows
	 */
	boolean held() {
		return !this.lost;
	}

	@Override
	public void close() {
		this.renewal.cancel(false);
		if (!this.lost) {
			try {
				this.store.releaseLease(this.holder);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not release the driver's lease; it expires by itself: {}", ex.getMessage());
			}
		}
	}

}
