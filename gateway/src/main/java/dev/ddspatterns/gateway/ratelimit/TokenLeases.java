package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The local tier of a two-tier limit: tokens this gateway replica took from a caller's
 * shared bucket ahead of need (a lease), spent here without a trip to Redis; and the
 * bucket's last refusal, so that a refused caller is refused here until the bucket can
 * hold enough for it.
 *
 * <p>
 * <b>What it bounds.</b> Every token spent here was taken from the shared bucket first,
 * once, so the replicas together never admit more tokens than the bucket hands out. A
 * lease changes when they are spent: up to its time to live after they were taken. Over
 * any interval a caller is therefore admitted at most what the bucket alone admits (its
 * burst plus what refills meanwhile) plus one lease per gateway replica, the most a
 * replica holds. Unspent tokens are never handed back; they expire with the lease, so a
 * caller can also be refused while another replica still holds up to a lease of its
 * tokens, for at most the time to live.
 *
 * <p>
 * <b>Refusals are exact.</b> A bucket gains tokens only with time, so a bucket that
 * lacked enough for a request cannot hold enough before the moment it named, whatever the
 * other replicas do. A refusal is kept with the cost it was for: it refuses requests that
 * cost as much or more, never a cheaper one.
 *
 * <p>
 * <b>Memory</b> is bounded: at most {@code maxBuckets} entries (Caffeine drops the least
 * useful first); dropping a lease only loses its unspent tokens.
 */
final class TokenLeases {

	private final Cache<String, Held> held;

	private final Ticker ticker;

	private final Duration timeToLive;

	/**
	 * @param timeToLive how long a lease's tokens may be spent after they were taken
	 * @param maxBuckets the most buckets with a lease or a refusal kept at once
	 * @param ticker the monotonic clock leases are timed by
	 */
	TokenLeases(Duration timeToLive, long maxBuckets, Ticker ticker) {
		this.timeToLive = timeToLive;
		this.ticker = ticker;
		this.held = Caffeine.newBuilder()
			.maximumSize(maxBuckets)
			.ticker(ticker)
			.executor(Runnable::run)
			.expireAfter(Expiry.<String, Held>writing((bucket, held) -> held.left(ticker.read())))
			.build();
	}

	/**
	 * Spends from this replica's lease on a bucket, or refuses from its last refusal.
	 * @param bucket the bucket's key
	 * @param cost tokens the request costs
	 * @return spent here, refused here, or the bucket must be asked
	 */
	Local spend(String bucket, int cost) {
		long now = this.ticker.read();
		Local[] answer = { Local.ASK };
		this.held.asMap().computeIfPresent(bucket, (key, held) -> switch (held) {
			case Lease lease when now < lease.until() && lease.tokens() >= cost -> {
				Lease spent = new Lease(lease.tokens() - cost, lease.bucketRemaining(), lease.until());
				answer[0] = new Local.Spent(spent.tokens() + spent.bucketRemaining());
				yield spent;
			}
			case Refusal refusal when now < refusal.until() && cost >= refusal.cost() -> {
				answer[0] = new Local.Refused(Duration.ofNanos(refusal.until() - now));
				yield refusal;
			}
			// Too few tokens left, or expired: the bucket decides, and its answer
			// replaces it.
			case Lease lease -> (now < lease.until() && lease.tokens() > 0) ? lease : null;
			case Refusal refusal -> (now < refusal.until()) ? refusal : null;
		});
		return answer[0];
	}

	/**
	 * Keeps what the bucket handed out beyond this request's cost. It replaces whatever
	 * was held: when two requests of one caller asked the bucket at once, the first's
	 * leftover is lost rather than added, so a replica never holds more than one lease.
	 * @param bucket the bucket's key
	 * @param leftover tokens taken for later requests
	 * @param bucketRemaining whole tokens the bucket had left after handing them out
	 */
	void granted(String bucket, long leftover, long bucketRemaining) {
		if (leftover > 0) {
			this.held.put(bucket, new Lease(leftover, bucketRemaining, this.ticker.read() + this.timeToLive.toNanos()));
		}
	}

	/**
	 * Remembers that the bucket refused a request, until it can hold enough for it. A
	 * live lease is kept instead: its tokens are this replica's to spend.
	 * @param bucket the bucket's key
	 * @param cost what the refused request cost
	 * @param retryAfter how long until the bucket holds enough for it
	 */
	void refused(String bucket, int cost, Duration retryAfter) {
		long now = this.ticker.read();
		Refusal refusal = new Refusal(cost, now + retryAfter.toNanos());
		this.held.asMap()
			.merge(bucket, refusal,
					(current, fresh) -> (current instanceof Lease lease && now < lease.until() && lease.tokens() > 0)
							? current : fresh);
	}

	/** What the local tier did with a request. */
	sealed interface Local {

		/** Nothing here decides it: ask the shared bucket. */
		Local ASK = new Ask();

		/**
		 * Spent from this replica's lease.
		 *
		 * @param remaining an estimate of the caller's tokens left: this lease's plus
		 * what the bucket had when the lease was taken
		 */
		record Spent(long remaining) implements Local {

		}

		/**
		 * Refused: the bucket said it cannot hold enough for such a request before then.
		 *
		 * @param retryAfter how long until it can
		 */
		record Refused(Duration retryAfter) implements Local {

		}

		/** See {@link #ASK}. */
		record Ask() implements Local {

		}

	}

	private sealed interface Held {

		/** When it stops counting, on the ticker. */
		long until();

		default Duration left(long now) {
			return Duration.ofNanos(Math.max(0, until() - now));
		}

	}

	private record Lease(long tokens, long bucketRemaining, long until) implements Held {

	}

	private record Refusal(int cost, long until) implements Held {

	}

}
