package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;

import dev.ddspatterns.gateway.ratelimit.TokenBucket.Limit;

/**
 * The most one caller's bucket can admit while a test runs: its burst, plus what refills
 * in the time the test has taken so far. Buckets run on Redis's clock, which a test
 * cannot stop, so bounds are taken from the limit and the real time that passed, never
 * from how fast a quiet machine happens to be.
 */
final class Allowance {

	private final Limit limit;

	private final long started = System.nanoTime();

	private Allowance(Limit limit) {
		this.limit = limit;
	}

	/**
	 * @param limit the bucket's limit
	 * @return an allowance whose time starts now, before the first request
	 */
	static Allowance startingNow(Limit limit) {
		return new Allowance(limit);
	}

	/**
	 * @return the time since this allowance started
	 */
	Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.started);
	}

	/**
	 * @return whole tokens the bucket can have gained since this allowance started; a
	 * millisecond more than measured, for the script's rounding of Redis's clock
	 */
	long refilled() {
		return this.limit.replenishRate() * (elapsed().toMillis() + 1) / 1000;
	}

	/**
	 * @return the most requests a bucket that started full can have admitted since
	 */
	long requests() {
		return (this.limit.burstCapacity() + refilled()) / this.limit.requestedTokens();
	}

}
