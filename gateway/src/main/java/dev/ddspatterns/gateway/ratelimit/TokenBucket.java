package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The cluster-wide token bucket: the whole algorithm is one atomic Lua script,
 * {@code token-bucket.lua} beside this class, run in the Redis every gateway replica
 * shares, on Redis's own clock. This class passes it the limit and turns its answer into
 * a {@link Decision}.
 *
 * <p>
 * A Redis that is down or paused must not hang requests, so every call has a short
 * timeout; when Redis does not answer in time the decision is {@link Verdict#UNKNOWN} and
 * the route's failure mode decides.
 */
final class TokenBucket {

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript
		.of(new ClassPathResource("token-bucket.lua", TokenBucket.class), List.class);

	private final ReactiveStringRedisTemplate redis;

	private final Duration timeout;

	private final RedisOutage outage;

	TokenBucket(ReactiveStringRedisTemplate redis, Duration timeout, RedisOutage outage) {
		this.redis = redis;
		this.timeout = timeout;
		this.outage = outage;
	}

	/**
	 * Takes a request's tokens from a bucket, if it has enough.
	 * @param bucket the bucket's Redis key, with a {hash tag}
	 * @param limit its replenish rate, burst capacity and the tokens a request costs
	 * @return what the bucket said; never an error
	 */
	Mono<Decision> take(String bucket, Limit limit) {
		return take(bucket, limit, limit.requestedTokens());
	}

	/**
	 * Takes a request's tokens from a bucket, if it has enough, and up to a lease more
	 * for the replica's {@link TokenLeases}.
	 * @param bucket the bucket's Redis key, with a {hash tag}
	 * @param limit its replenish rate, burst capacity and the tokens a request costs
	 * @param most the most tokens to take if the request is allowed: its cost and a
	 * lease, as many as the bucket holds up to this
	 * @return what the bucket said; never an error
	 */
	Mono<Decision> take(String bucket, Limit limit, int most) {
		List<String> args = List.of(String.valueOf(limit.replenishRate()), String.valueOf(limit.burstCapacity()),
				String.valueOf(limit.requestedTokens()), String.valueOf(Math.max(most, limit.requestedTokens())));
		return this.redis.execute(SCRIPT, List.of(bucket), args)
			.single()
			.timeout(this.timeout)
			.map(TokenBucket::decision)
			.doOnNext((decision) -> this.outage.answered())
			.onErrorResume((ex) -> {
				this.outage.failed(ex);
				return Mono.just(Decision.UNKNOWN);
			});
	}

	private static Decision decision(List<Long> answer) {
		Verdict verdict = (answer.get(0) == 1) ? Verdict.ALLOWED : Verdict.LIMITED;
		return new Decision(verdict, answer.get(1), Duration.ofMillis(answer.get(2)), answer.get(3));
	}

	/**
	 * How fast a bucket refills, how much it holds and what one request costs.
	 *
	 * @param replenishRate tokens added per second
	 * @param burstCapacity the most tokens a bucket holds: the largest burst allowed
	 * @param requestedTokens tokens one request takes
	 */
	record Limit(int replenishRate, int burstCapacity, int requestedTokens) {

		Limit {
			if (replenishRate < 1 || burstCapacity < 1 || requestedTokens < 1) {
				throw new IllegalArgumentException("replenish-rate, burst-capacity and requested-tokens must be "
						+ "at least 1, were " + replenishRate + ", " + burstCapacity + ", " + requestedTokens);
			}
			if (requestedTokens > burstCapacity) {
				throw new IllegalArgumentException("requested-tokens (" + requestedTokens + ") above burst-capacity ("
						+ burstCapacity + ") would refuse every request");
			}
		}

	}

	/**
	 * What the bucket said.
	 *
	 * @param verdict allowed, limited, or unknown because Redis did not answer
	 * @param remaining whole tokens left after this request
	 * @param retryAfter how long until the bucket holds enough tokens for this request;
	 * zero unless limited
	 * @param granted the tokens taken: the request's cost and any lease; zero unless
	 * allowed
	 */
	record Decision(Verdict verdict, long remaining, Duration retryAfter, long granted) {

		static final Decision UNKNOWN = new Decision(Verdict.UNKNOWN, -1, Duration.ZERO, 0);

	}

	enum Verdict {

		ALLOWED, LIMITED, UNKNOWN

	}

}
