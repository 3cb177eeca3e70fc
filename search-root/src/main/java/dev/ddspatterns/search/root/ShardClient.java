package dev.ddspatterns.search.root;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the root knows about one shard: its replicas (taken in turn, one turn per query,
 * so load spreads and both rounds of a query meet the same replica), its recent latency
 * (for the hedge delay), the hedge budget, and its metrics.
 */
final class ShardClient {

	private final int index;

	private final List<URI> replicas;

	private final SearchRootProperties.Hedging hedging;

	private final LatencyWindow latencies;

	private final HedgeBudget budget;

	private final AtomicInteger turn = new AtomicInteger();

	private final Timer latency;

	private final Counter leafRequests;

	private final Counter hedgesSent;

	private final Counter hedgesWon;

	private final Counter errors;

	ShardClient(int index, List<URI> replicas, SearchRootProperties.Hedging hedging, MeterRegistry meters) {
		this.index = index;
		this.replicas = List.copyOf(replicas);
		this.hedging = hedging;
		this.latencies = new LatencyWindow(512, hedging.percentile(), hedging.initialDelay());
		this.budget = new HedgeBudget(hedging.budget());
		String shard = String.valueOf(index);
		this.latency = Timer.builder("search.root.shard.latency")
			.description("Time until a shard answered, hedges included")
			.tag("shard", shard)
			.publishPercentiles(0.5, 0.95, 0.99)
			.publishPercentileHistogram()
			.register(meters);
		this.leafRequests = meters.counter("search.root.leaf.requests", "shard", shard);
		this.hedgesSent = meters.counter("search.root.hedges.sent", "shard", shard);
		this.hedgesWon = meters.counter("search.root.hedges.won", "shard", shard);
		this.errors = meters.counter("search.root.leaf.errors", "shard", shard);
	}

	int index() {
		return this.index;
	}

	/**
	 * Called once per query, by {@link ReplicaChoice}, never per round.
	 * @return the replicas, starting with the next one in turn
	 */
	List<URI> replicasInTurn() {
		int start = Math.floorMod(this.turn.getAndIncrement(), this.replicas.size());
		List<URI> order = new ArrayList<>(this.replicas.subList(start, this.replicas.size()));
		order.addAll(this.replicas.subList(0, start));
		return order;
	}

	/**
	 * The recent percentile, at least the minimum delay, and at most half the round's
	 * time: when the leaves are slow (a busy machine), a hedge sent after a p95 longer
	 * than the round could never answer in time, and the shard would be left out.
	 * @param round how long the request's round has left
	 * @return how long to wait before hedging, or {@code null} if hedging is off
	 */
	Duration hedgeDelay(Duration round) {
		if (!this.hedging.enabled()) {
			return null;
		}
		Duration recent = this.latencies.percentile();
		Duration delay = (recent.compareTo(this.hedging.minDelay()) < 0) ? this.hedging.minDelay() : recent;
		Duration latest = round.dividedBy(2);
		return (delay.compareTo(latest) > 0) ? latest : delay;
	}

	boolean allowHedge() {
		return this.budget.tryHedge();
	}

	void sent(boolean hedge) {
		this.leafRequests.increment();
		if (hedge) {
			this.hedgesSent.increment();
		}
		else {
			this.budget.requestSent();
		}
	}

	void answered(Duration attemptLatency, Duration shardLatency, boolean byHedge) {
		this.latencies.record(attemptLatency);
		this.latency.record(shardLatency);
		if (byHedge) {
			this.hedgesWon.increment();
		}
	}

	void failed() {
		this.errors.increment();
	}

}
