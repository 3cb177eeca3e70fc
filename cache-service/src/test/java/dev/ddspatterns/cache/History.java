package dev.ddspatterns.cache;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

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
	 * @param from start of the interval, as {@link #now()} read it
	 * @param to end of the interval
	 * @return how many operations were sent within it
	 */
	long sentBetween(long from, long to) {
		return this.operations.stream().filter((op) -> op.invoked() >= from && op.invoked() <= to).count();
	}

}
