package dev.ddspatterns.election.leader;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The election's meters: elections won, term changes seen, renewal latency, time spent as
 * leader, watchdog firings, and a gauge of whether this replica acts as leader now.
 */
class ElectionMetrics {

	private final Counter electionsWon;

	private final Counter termChanges;

	private final Counter watchdogFirings;

	private final Timer renewals;

	private final Timer leadership;

	ElectionMetrics(MeterRegistry meters, BooleanSupplier acting) {
		this.electionsWon = meters.counter("election.elections.won");
		this.termChanges = meters.counter("election.term.changes");
		this.watchdogFirings = meters.counter("election.watchdog.firings");
		this.renewals = Timer.builder("election.renew.latency").publishPercentileHistogram().register(meters);
		this.leadership = meters.timer("election.leader.time");
		Gauge.builder("election.leader.acting", () -> acting.getAsBoolean() ? 1 : 0)
			.strongReference(true)
			.register(meters);
	}

	void electionWon() {
		this.electionsWon.increment();
	}

	void termChanged() {
		this.termChanges.increment();
	}

	void watchdogFired() {
		this.watchdogFirings.increment();
	}

	void renewal(Duration latency) {
		this.renewals.record(latency);
	}

	void termEnded(Duration asLeader) {
		this.leadership.record(asLeader);
	}

}
