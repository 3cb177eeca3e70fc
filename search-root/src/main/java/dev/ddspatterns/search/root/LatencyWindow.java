package dev.ddspatterns.search.root;

import java.time.Duration;
import java.util.Arrays;

/**
 * The recent latencies of one shard, for an adaptive hedge delay: "slow" means slower
 * than this shard usually is now, not slower than a number picked once. Keeps the last
 * {@code capacity} successful calls; the percentile is recomputed every few samples.
 */
final class LatencyWindow {

	private static final int MIN_SAMPLES = 20;

	private final long[] samples;

	private final double percentile;

	private final Duration initial;

	private int count;

	private int next;

	private long cachedNanos;

	LatencyWindow(int capacity, double percentile, Duration initial) {
		this.samples = new long[capacity];
		this.percentile = percentile;
		this.initial = initial;
		this.cachedNanos = initial.toNanos();
	}

	synchronized void record(Duration latency) {
		this.samples[this.next] = latency.toNanos();
		this.next = (this.next + 1) % this.samples.length;
		this.count = Math.min(this.count + 1, this.samples.length);
		if (this.count >= MIN_SAMPLES && this.next % 8 == 0) {
			long[] sorted = Arrays.copyOf(this.samples, this.count);
			Arrays.sort(sorted);
			this.cachedNanos = sorted[(int) Math.min(sorted.length - 1,
					Math.ceil(this.percentile * sorted.length) - 1)];
		}
	}

	/**
	 * @return the latency below which the configured share of recent calls finished
	 */
	synchronized Duration percentile() {
		return (this.count >= MIN_SAMPLES) ? Duration.ofNanos(this.cachedNanos) : this.initial;
	}

}
