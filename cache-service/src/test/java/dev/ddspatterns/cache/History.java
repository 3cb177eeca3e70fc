package dev.ddspatterns.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.awaitility.Awaitility.await;

/**
 * The operations of a test, recorded by every client thread as they complete, on one
 * clock that starts with the history.
 */
final class History {

	private final long origin = System.nanoTime();

	private final ConcurrentLinkedQueue<CacheOperation> operations = new ConcurrentLinkedQueue<>();

	/**
	 * @return nanoseconds since the history began
	 */
	long now() {
		return System.nanoTime() - this.origin;
	}

	void record(CacheOperation operation) {
		this.operations.add(operation);
	}

	/**
	 * @return every operation recorded so far
	 */
	List<CacheOperation> operations() {
		return List.copyOf(this.operations);
	}

	/**
	 * @return how many operations have completed so far
	 */
	int size() {
		return this.operations.size();
	}

	/**
	 * Waits until this many more operations have completed, so that each step of a test
	 * overlaps a stretch of the workload.
	 * @param count how many more
	 */
	void awaitMore(int count) {
		int target = size() + count;
		await().atMost(Duration.ofMinutes(2)).until(() -> size() >= target);
	}

	/**
	 * @param from start of the interval, as {@link #now()} read it
	 * @param to end of the interval
	 * @return how many operations were sent within it
	 */
	long sentBetween(long from, long to) {
		return this.operations.stream().filter((op) -> op.invoked() >= from && op.invoked() <= to).count();
	}

}
