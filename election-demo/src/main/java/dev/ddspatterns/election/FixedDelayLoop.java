package dev.ddspatterns.election;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * A task run over and over on its own thread, with a fixed delay between the end of one
 * run and the start of the next. Each loop of the election gets its own thread, so a
 * renewal is never queued behind a slow ledger write.
 */
public final class FixedDelayLoop {

	private final String name;

	private final Duration delay;

	private final Runnable task;

	private final AtomicBoolean nudged = new AtomicBoolean();

	private volatile @Nullable ScheduledExecutorService executor;

	/**
	 * @param name the thread's name, for thread dumps and logs
	 * @param delay the pause between runs
	 * @param task what to run; it must catch its own exceptions, since one that escapes
	 * ends the loop
	 */
	public FixedDelayLoop(String name, Duration delay, Runnable task) {
		this.name = name;
		this.delay = delay;
		this.task = task;
	}

	/** Starts the loop; the first run is immediate. */
	public void start() {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(this.name).daemon().factory());
		executor.scheduleWithFixedDelay(this.task, 0, this.delay.toNanos(), TimeUnit.NANOSECONDS);
		this.executor = executor;
	}

	/**
	 * Runs the task once more as soon as the thread is free, without waiting for the
	 * delay. Nudges that arrive while one is pending are folded into it.
	 */
	public void nudge() {
		ScheduledExecutorService executor = this.executor;
		if (executor == null || !this.nudged.compareAndSet(false, true)) {
			return;
		}
		try {
			executor.execute(() -> {
				this.nudged.set(false);
				this.task.run();
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping: there is nothing left to nudge.
			this.nudged.set(false);
		}
	}

	/**
	 * Runs the task once more after a delay shorter than the loop's own, for a moment the
	 * task knows is coming (a lease about to expire).
	 * @param delay how long from now
	 */
	public void nudgeAfter(Duration delay) {
		ScheduledExecutorService executor = this.executor;
		if (executor == null) {
			return;
		}
		try {
			executor.schedule(this.task, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopping: there is nothing left to run.
		}
	}

	/** Stops the loop, interrupting a run in progress, and waits until it has ended. */
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor == null) {
			return;
		}
		executor.shutdownNow();
		try {
			executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * @return whether the loop is started
	 */
	public boolean isRunning() {
		return this.executor != null;
	}

}
