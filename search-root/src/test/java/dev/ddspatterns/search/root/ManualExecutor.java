package dev.ddspatterns.search.root;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An executor and timer that run nothing until the test says so, so the order of
 * attempts, hedges and failures is the test's, not the machine's. Scheduled tasks never
 * fire by themselves: {@link #fireScheduled()} plays "the delay has passed".
 */
final class ManualExecutor extends AbstractExecutorService implements ScheduledExecutorService {

	private final Deque<Runnable> tasks = new ArrayDeque<>();

	private final List<Scheduled> scheduled = new ArrayList<>();

	/** Runs the queued tasks, oldest first, and those they queue, until none is left. */
	void runAll() {
		while (!this.tasks.isEmpty()) {
			run(this.tasks.pollFirst());
		}
	}

	/** Runs only the oldest queued task. */
	void runOldest() {
		run(this.tasks.pollFirst());
	}

	/** Runs only the newest queued task: it overtakes the others. */
	void runNewest() {
		run(this.tasks.pollLast());
	}

	/**
	 * A task cancelled while it runs interrupts the thread running it, here the test's;
	 * the interrupt was meant for that task alone, so it ends with it.
	 */
	private static void run(Runnable task) {
		task.run();
		Thread.interrupted();
	}

	int queued() {
		return this.tasks.size();
	}

	/**
	 * @return the delays asked for so far, in order
	 */
	List<Duration> delays() {
		return this.scheduled.stream().map(Scheduled::delay).toList();
	}

	/** Runs every scheduled task as if its delay had passed. */
	void fireScheduled() {
		List<Scheduled> due = List.copyOf(this.scheduled);
		this.scheduled.clear();
		due.forEach(ManualExecutor::run);
	}

	@Override
	public void execute(Runnable command) {
		this.tasks.add(command);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		Scheduled task = new Scheduled(command, Duration.of(delay, unit.toChronoUnit()));
		this.scheduled.add(task);
		return task;
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void shutdown() {
	}

	@Override
	public List<Runnable> shutdownNow() {
		return List.copyOf(this.tasks);
	}

	@Override
	public boolean isShutdown() {
		return false;
	}

	@Override
	public boolean isTerminated() {
		return false;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return false;
	}

	private static final class Scheduled extends FutureTask<Void> implements ScheduledFuture<Void> {

		private final Duration delay;

		Scheduled(Runnable task, Duration delay) {
			super(task, null);
			this.delay = delay;
		}

		Duration delay() {
			return this.delay;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.delay);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

}
