package dev.ddspatterns.search.root;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * One variant of the benchmark, a root queried one way (how it hedges, statistics round
 * on or off), and what its batches measured so far, the root's own counters included.
 */
final class MeasuredVariant {

	private final int leaves;

	private final String hedging;

	private final boolean dfs;

	private final RunningApp root;

	private final List<ClosedLoopLoad.Batch> batches = new ArrayList<>();

	/** Leaf requests, hedges sent, hedges won: what this variant made its root do. */
	private final double[] counted = new double[3];

	MeasuredVariant(int leaves, String hedging, boolean dfs, RunningApp root) {
		this.leaves = leaves;
		this.hedging = hedging;
		this.dfs = dfs;
		this.root = root;
	}

	/**
	 * @return the root's counters now: leaf requests, hedges sent, hedges won; only their
	 * growth during this variant's measured batches counts
	 */
	double[] counters() {
		MeterRegistry meters = this.root.bean(MeterRegistry.class);
		return Stream.of("search.root.leaf.requests", "search.root.hedges.sent", "search.root.hedges.won")
			.mapToDouble((name) -> meters.find(name).counters().stream().mapToDouble((c) -> c.count()).sum())
			.toArray();
	}

	void add(ClosedLoopLoad.Batch batch, double[] countersBefore) {
		this.batches.add(batch);
		double[] now = counters();
		for (int i = 0; i < this.counted.length; i++) {
			this.counted[i] += now[i] - countersBefore[i];
		}
	}

	void reset() {
		this.batches.clear();
		Arrays.fill(this.counted, 0);
	}

	LatencyTable.Row row(int clients, Duration delay, double loadAverage, double otherCpu) {
		long[] latencies = this.batches.stream().flatMapToLong((b) -> Arrays.stream(b.latencies())).toArray();
		long wall = this.batches.stream().mapToLong(ClosedLoopLoad.Batch::wallNanos).sum();
		int incomplete = this.batches.stream().mapToInt(ClosedLoopLoad.Batch::incomplete).sum();
		return LatencyTable.Row.of(this.leaves, clients, this.hedging, this.dfs, latencies, wall, delay,
				(long) this.counted[0], (long) this.counted[1], (long) this.counted[2], incomplete, loadAverage,
				otherCpu);
	}

	RunningApp root() {
		return this.root;
	}

	boolean dfs() {
		return this.dfs;
	}

}
