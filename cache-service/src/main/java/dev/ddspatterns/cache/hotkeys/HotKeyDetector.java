package dev.ddspatterns.cache.hotkeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds hot keys in a stream of reads without keeping a counter per key.
 *
 * <p>
 * Each read is added to a count-min sketch: a few rows of counters, each row indexed by a
 * different hash of the key; a key's estimate is the smallest of its counters, which can
 * only over-count (collisions add, never subtract). Two sketches cover a sliding window:
 * the current one and the previous one, weighted by how much of it still lies inside the
 * window, so a key's rate neither drops to zero nor doubles when a window turns over. A
 * key whose estimate reaches the threshold is hot; the hottest few are remembered for
 * {@code GET /v1/hotkeys}. Memory is fixed whatever the number of keys.
 */
public final class HotKeyDetector {

	private static final int DEPTH = 4;

	private static final int WIDTH = 4096;

	private final Clock clock;

	private final Duration window;

	private final int threshold;

	private final int tracked;

	private final Map<String, HotKey> hot = new ConcurrentHashMap<>();

	private int[][] current = new int[DEPTH][WIDTH];

	private int[][] previous = new int[DEPTH][WIDTH];

	private Instant windowStart;

	/**
	 * @param clock the time source
	 * @param window the length of the sliding window
	 * @param threshold reads within a window that make a key hot
	 * @param tracked how many hot keys to remember
	 */
	public HotKeyDetector(Clock clock, Duration window, int threshold, int tracked) {
		this.clock = clock;
		this.window = window;
		this.threshold = threshold;
		this.tracked = tracked;
		this.windowStart = clock.instant();
	}

	/**
	 * Counts one read of {@code key}.
	 * @param key the key read
	 * @return whether the key is hot now
	 */
	public synchronized boolean recordRead(String key) {
		Instant now = this.clock.instant();
		turnWindows(now);
		int estimate = Integer.MAX_VALUE;
		int previousEstimate = Integer.MAX_VALUE;
		long hash = spread(key.hashCode());
		for (int row = 0; row < DEPTH; row++) {
			int column = column(hash, row);
			estimate = Math.min(estimate, ++this.current[row][column]);
			previousEstimate = Math.min(previousEstimate, this.previous[row][column]);
		}
		double elapsed = (double) Duration.between(this.windowStart, now).toNanos() / this.window.toNanos();
		double rate = estimate + previousEstimate * Math.max(0, 1 - elapsed);
		if (rate < this.threshold) {
			return false;
		}
		remember(key, (long) rate, now);
		return true;
	}

	/**
	 * @return the hottest keys seen within the last two windows, hottest first
	 */
	public List<HotKey> hotKeys() {
		Instant cutoff = this.clock.instant().minus(this.window.multipliedBy(2));
		return this.hot.values()
			.stream()
			.filter((key) -> key.lastSeen().isAfter(cutoff))
			.sorted(Comparator.comparingLong(HotKey::estimatedReads).reversed())
			.toList();
	}

	private void remember(String key, long estimate, Instant now) {
		this.hot.put(key, new HotKey(key, estimate, now));
		if (this.hot.size() > this.tracked) {
			this.hot.values()
				.stream()
				.min(Comparator.comparing(HotKey::lastSeen).thenComparingLong(HotKey::estimatedReads))
				.ifPresent((coldest) -> this.hot.remove(coldest.key()));
		}
	}

	private void turnWindows(Instant now) {
		Duration elapsed = Duration.between(this.windowStart, now);
		if (elapsed.compareTo(this.window) < 0) {
			return;
		}
		boolean skippedAWholeWindow = elapsed.compareTo(this.window.multipliedBy(2)) >= 0;
		int[][] recycled = this.previous;
		this.previous = skippedAWholeWindow ? new int[DEPTH][WIDTH] : this.current;
		for (int[] row : recycled) {
			java.util.Arrays.fill(row, 0);
		}
		this.current = recycled;
		this.windowStart = skippedAWholeWindow ? now : this.windowStart.plus(this.window);
	}

	private static int column(long hash, int row) {
		int h = (int) (hash ^ (hash >>> (16 + row * 8))) * (0x9E3779B1 + row * 0x7F4A7C15);
		return (h >>> 1) % WIDTH;
	}

	private static long spread(int h) {
		long x = h * 0x9E3779B97F4A7C15L;
		return x ^ (x >>> 29);
	}

	/**
	 * A key found hot.
	 *
	 * @param key the key
	 * @param estimatedReads estimated reads within the window when last seen
	 * @param lastSeen when it was last read
	 */
	public record HotKey(String key, long estimatedReads, Instant lastSeen) {
	}

}
