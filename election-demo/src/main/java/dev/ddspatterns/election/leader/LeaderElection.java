package dev.ddspatterns.election.leader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.ddspatterns.election.ElectionProperties;
import dev.ddspatterns.election.FixedDelayLoop;
import dev.ddspatterns.election.LeaderPause;
import dev.ddspatterns.election.leader.LeadershipLost.Reason;
import dev.ddspatterns.election.lease.Acquisition;
import dev.ddspatterns.election.lease.Lease;
import dev.ddspatterns.election.lease.LeaseStore;
import dev.ddspatterns.election.lease.LeaseTerm;
import dev.ddspatterns.election.lease.LeaseWatchdog;
import dev.ddspatterns.election.lease.MonotonicClock;
import dev.ddspatterns.election.lease.Renewal;
import dev.ddspatterns.service.SuiteProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ownership election among the replicas over one {@link Lease} named {@code leader}.
 * Every replica runs the same loop on one thread, once per renewal interval: a follower
 * tries to take the lease, the leader renews it. The leader acts only while its
 * {@link LeaseWatchdog} says the lease is valid by its own clock, and every term carries
 * a fencing token for the resources it writes to. Shutting down releases the lease at
 * once, so a successor takes over within one renewal interval instead of one ttl.
 */
@Component
public class LeaderElection implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(LeaderElection.class);

	private final Lease lease;

	private final LeaseWatchdog watchdog;

	private final String id;

	private final Clock clock;

	private final MonotonicClock monotonic;

	private final ApplicationEventPublisher events;

	private final ElectionMetrics metrics;

	private final FixedDelayLoop loop;

	private final Duration renewInterval;

	private final LeaseStore store;

	private volatile long token;

	private volatile long termSeen;

	private volatile Instant since = Instant.EPOCH;

	private volatile long termStarted;

	private final LeaderPause pause;

	LeaderElection(LeaseStore store, SuiteProperties suite, ElectionProperties properties, Clock clock,
			MonotonicClock monotonic, ApplicationEventPublisher events, MeterRegistry meters, LeaderPause pause) {
		this.pause = pause;
		this.lease = new Lease(store, "leader", meters);
		this.watchdog = new LeaseWatchdog(properties.leaseTtl(), properties.watchdog().margin(), monotonic);
		this.id = suite.instanceId();
		this.clock = clock;
		this.monotonic = monotonic;
		this.events = events;
		this.metrics = new ElectionMetrics(meters, this.watchdog::mayAct);
		this.renewInterval = properties.renewInterval();
		this.loop = new FixedDelayLoop("leader-election", this.renewInterval, this::step);
		this.store = store;
		store.onRelease("leader", this.loop::nudge);
	}

	@Override
	public void start() {
		this.loop.start();
	}

	@Override
	public void stop() {
		if (!this.loop.isRunning()) {
			return;
		}
		this.loop.stop();
		if (this.watchdog.holding()) {
			// Stop acting first: from here on the successor may hold the lease.
			this.watchdog.stop();
			try {
				this.lease.release(this.id);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not release the leader lease ({}); it expires after its ttl", ex.getMessage());
			}
			ended(Reason.SHUTDOWN);
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	void step() {
		try {
			this.pause.awaitResumed();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		try {
			if (!this.watchdog.holding()) {
				acquire();
			}
			else if (!this.watchdog.expired()) {
				renew();
			}
		}
		catch (RuntimeException ex) {
			// The store is unreachable or slow: the watchdog decides when to stop acting.
			logger.warn("{} could not reach the leader lease: {}", this.id, ex.getMessage());
		}
		if (this.watchdog.expired()) {
			fire();
		}
		// After the lease work, which must not wait on a subscription.
		this.store.watch();
	}

	private void fire() {
		this.watchdog.stop();
		this.metrics.watchdogFired();
		ended(Reason.WATCHDOG);
	}

	private void acquire() {
		long sent = this.watchdog.stamp();
		switch (this.lease.acquire(this.id, this.token)) {
			case Acquisition.Won won -> elected(won.token(), sent);
			case Acquisition.Held held -> {
				observed(held.token());
				tryAgainAtExpiry();
			}
			case Acquisition.Unknown unknown -> {
				// The store may have made us leader in a term we do not know: we act only
				// once an answer tells us its token, which the next attempt gets.
			}
		}
	}

	private void elected(long token, long sent) {
		// The token first: the moment the watchdog says "act", the ticks read it.
		this.token = token;
		this.since = this.clock.instant();
		this.watchdog.confirmed(sent);
		this.termStarted = this.monotonic.nanos();
		observed(token);
		this.metrics.electionWon();
		logger.info("{} was elected leader with fencing token {}", this.id, token);
		this.events.publishEvent(new LeaderElected(this.id, token, this.since));
	}

	/**
	 * A holder that died leaves its lease to expire. Waiting for the next regular attempt
	 * would add up to one renewal interval to the failover; trying again the moment the
	 * lease expires bounds it by the ttl.
	 */
	private void tryAgainAtExpiry() {
		Duration remaining = this.lease.remaining();
		if (remaining.isPositive() && remaining.compareTo(this.renewInterval) < 0) {
			this.loop.nudgeAfter(remaining.plusMillis(1));
		}
	}

	private void renew() {
		long sent = this.watchdog.stamp();
		Renewal renewal = this.lease.renew(this.id);
		this.metrics.renewal(Duration.ofNanos(this.monotonic.nanos() - sent));
		switch (renewal) {
			case RENEWED -> this.watchdog.confirmed(sent);
			case REFUSED -> {
				if (this.watchdog.expired()) {
					// The refusal came after our own deadline: we had stopped acting
					// already.
					fire();
				}
				else {
					this.watchdog.stop();
					ended(Reason.RENEWAL_REFUSED);
				}
			}
			case UNKNOWN -> {
				// Perhaps extended, perhaps not: we act only until the deadline of the
				// last
				// renewal that was confirmed, which holds either way.
			}
		}
	}

	private void observed(long term) {
		if (term != this.termSeen) {
			this.termSeen = term;
			this.metrics.termChanged();
		}
	}

	private void ended(Reason reason) {
		this.metrics.termEnded(Duration.ofNanos(this.monotonic.nanos() - this.termStarted));
		logger.warn("{} is no longer leader of term {}: {}", this.id, this.token, reason);
		this.events.publishEvent(new LeadershipLost(this.id, this.token, reason, this.clock.instant()));
	}

	/**
	 * @return whether this replica is the leader and its lease is valid by its own clock:
	 * the only condition under which it may do the leader's work
	 */
	public boolean mayAct() {
		return this.watchdog.mayAct();
	}

	/**
	 * @return the fencing token of this replica's current or last term, 0 if it never led
	 */
	public long token() {
		return this.token;
	}

	/**
	 * @return when this replica's current or last term began
	 */
	public Instant since() {
		return this.since;
	}

	/**
	 * @return this replica's id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * @return how long this replica may still act as leader without a renewal
	 */
	public Duration remaining() {
		return this.watchdog.remaining();
	}

	/**
	 * @return the lease as the store holds it now
	 */
	public Optional<LeaseTerm> current() {
		return this.lease.current();
	}

}
