package dev.ddspatterns.cache.shards;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps this replica on the newest shard map: it reads the shared map when it starts
 * (storing its configured one if there is none yet), then again whenever a change is
 * announced and, as the safety net for announcements lost while disconnected, every poll
 * interval. After each read it notes the epoch it routes by, for {@code GET /v1/shards},
 * and looks for a migration left without a driver. The same subscription carries the near
 * caches' invalidations ({@link Invalidations}).
 *
 * <p>
 * Requests do not wait for this loop: a shard that refuses a stale epoch makes the
 * request fetch the map itself ({@link MapFollower#catchUp}).
 */
final class ShardMapSync implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ShardMapSync.class);

	private final MapFollower follower;

	private final ShardMapStore store;

	private final Resharding resharding;

	private final Invalidations invalidations;

	private final String instanceId;

	private final Duration pollInterval;

	private final AtomicBoolean nudged = new AtomicBoolean();

	private volatile ScheduledExecutorService loop;

	ShardMapSync(MapFollower follower, ShardMapStore store, Resharding resharding, Invalidations invalidations,
			String instanceId, Duration pollInterval) {
		this.follower = follower;
		this.store = store;
		this.resharding = resharding;
		this.invalidations = invalidations;
		this.instanceId = instanceId;
		this.pollInterval = pollInterval;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("shard-map-sync").daemon().factory());
		this.loop = executor;
		executor.scheduleWithFixedDelay(this::step, 0, this.pollInterval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void step() {
		this.nudged.set(false);
		try {
			subscribe();
			ShardMap map = this.follower.refresh();
			this.store.markSeen(this.instanceId, map.epoch(), this.pollInterval.multipliedBy(5));
			this.resharding.repairIfNeeded();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the shard map: {}", ex.getMessage());
		}
	}

	private void subscribe() {
		try {
			this.store.subscribe(this::nudge, this.invalidations);
		}
		catch (RuntimeException ex) {
			logger.debug("Not subscribed to shard map changes yet: {}", ex.getMessage());
		}
	}

	/**
	 * Reads the map as soon as the loop's thread is free; nudges pending fold into one.
	 */
	private void nudge() {
		ScheduledExecutorService executor = this.loop;
		if (executor == null || !this.nudged.compareAndSet(false, true)) {
			return;
		}
		try {
			executor.execute(this::step);
		}
		catch (RejectedExecutionException ex) {
			this.nudged.set(false);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.loop;
		this.loop = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

}
