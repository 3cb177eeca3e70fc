package dev.ddspatterns.election.lease;

import java.time.Duration;

/**
 * The holder's own view of its lease, and the book's watchdog: the holder may act only
 * while this says so. The lease counts as valid until one ttl, less a margin, after the
 * last successful acquisition or renewal was <em>sent</em>, not answered: Redis started
 * the ttl somewhere between the two, so counting from the send can only end the lease
 * early here, never late. The margin covers what counting from the send cannot: the
 * holder's clock and the store's running at different rates, or the store's jumping
 * ahead. It is measured on a {@link MonotonicClock}, which a wall-clock correction cannot
 * move.
 *
 * <p>
 * Validity is computed whenever it is asked for, not by a timer: a holder whose renewal
 * thread is stuck in a Redis call, or whose whole process was paused, stops acting at the
 * deadline all the same.
 */
public class LeaseWatchdog {

	private final long actNanos;

	private final MonotonicClock clock;

	private volatile long validUntil;

	private volatile boolean holding;

	/**
	 * @param ttl the lease's ttl
	 * @param margin how much earlier than one ttl after the send the holder stops acting,
	 * for a holder's clock that runs slower than the store's, or a store's clock that
	 * jumps ahead
	 * @param clock the holder's monotonic clock
	 */
	public LeaseWatchdog(Duration ttl, Duration margin, MonotonicClock clock) {
		this.actNanos = ttl.minus(margin).toNanos();
		this.clock = clock;
	}

	/**
	 * @return the time to pass to {@link #confirmed(long)}, taken just before a request
	 * is sent
	 */
	public long stamp() {
		return this.clock.nanos();
	}

	/**
	 * Records that an acquisition or renewal sent at {@code sentAt} succeeded.
	 * @param sentAt the {@link #stamp()} taken before it was sent
	 */
	public void confirmed(long sentAt) {
		long until = sentAt + this.actNanos;
		if (!this.holding || until - this.validUntil > 0) {
			this.validUntil = until;
		}
		this.holding = true;
	}

	/** Forgets the lease: it was released, refused or has expired. */
	public void stop() {
		this.holding = false;
	}

	/**
	 * @return whether the holder believes it holds the lease, valid or not
	 */
	public boolean holding() {
		return this.holding;
	}

	/**
	 * @return whether the lease is held and has not expired by this holder's clock
	 */
	public boolean mayAct() {
		return this.holding && this.clock.nanos() - this.validUntil < 0;
	}

	/**
	 * @return whether the lease is held but has expired without a successful renewal: the
	 * watchdog must fire
	 */
	public boolean expired() {
		return this.holding && this.clock.nanos() - this.validUntil >= 0;
	}

	/**
	 * @return how long the holder may still act, zero if it may not
	 */
	public Duration remaining() {
		long left = this.validUntil - this.clock.nanos();
		return (this.holding && left > 0) ? Duration.ofNanos(left) : Duration.ZERO;
	}

}
