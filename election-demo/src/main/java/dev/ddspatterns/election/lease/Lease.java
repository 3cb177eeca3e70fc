package dev.ddspatterns.election.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A named lease in Redis with fencing tokens. Each operation is one atomic Lua script
 * that compares the holder's id before it acts ({@code scripts/acquire.lua},
 * {@code renew.lua}, {@code release.lua}), so a holder whose lease expired can never
 * extend or delete its successor's. The keys share the lease's name as a hash tag
 * ({@code election:{leader}:lease}) so they stay together on a Redis Cluster.
 *
 * <p>
 * A call that fails does not throw: its outcome is {@link Acquisition.Unknown unknown}
 * ({@link Renewal#UNKNOWN}), counted as {@code election.lease.unknown} and logged, since
 * it may have run all the same.
 *
 * <p>
 * This class only talks to Redis. Whether the holder may still act is the
 * {@link LeaseWatchdog}'s call, on the holder's own clock: Redis cannot stop a holder
 * that no longer hears from it.
 */
public class Lease {

	private static final Logger logger = LoggerFactory.getLogger(Lease.class);

	private static final RedisScript<Long> ACQUIRE = script("acquire");

	private static final RedisScript<Long> RENEW = script("renew");

	private static final RedisScript<Long> RELEASE = script("release");

	private final StringRedisTemplate redis;

	private final String name;

	private final Duration ttl;

	private final Clock clock;

	private final MeterRegistry meters;

	public Lease(StringRedisTemplate redis, String name, Duration ttl, Clock clock, MeterRegistry meters) {
		this.redis = redis;
		this.name = name;
		this.ttl = ttl;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * @param name a lease's name
	 * @param part {@code lease}, {@code token} or {@code term}; or {@code released}, the
	 * channel on which releases are announced
	 * @return the Redis key of that part of the lease
	 */
	public static String key(String name, String part) {
		return "election:{" + name + "}:" + part;
	}

	/**
	 * @return the lease's name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Takes the lease if it is free, starting a new term; or learns the term an earlier
	 * attempt of this candidate started, if its answer was lost.
	 * @param candidate the replica's id
	 * @param known the token of the last term the candidate learned of for this lease, 0
	 * if none: a lease of its own in that term is taken again as a new term, one of its
	 * own in any other term is learned
	 * @return what came of it
	 */
	public Acquisition acquire(String candidate, long known) {
		try {
			Long answer = this.redis.execute(ACQUIRE,
					List.of(key(this.name, "lease"), key(this.name, "token"), key(this.name, "term")), candidate,
					millis(), Long.toString(this.clock.millis()), Long.toString(known));
			return Acquisition.of((answer != null) ? answer : 0);
		}
		catch (DataAccessException ex) {
			unknown("acquire", candidate, ex);
			return new Acquisition.Unknown(String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * @param holder the replica's id
	 * @return whether the holder still held the lease and it now lives one ttl more, or
	 * whether that is unknown
	 */
	public Renewal renew(String holder) {
		try {
			Long answer = this.redis.execute(RENEW, List.of(key(this.name, "lease")), holder, millis());
			return Renewal.of((answer != null) ? answer : 0);
		}
		catch (DataAccessException ex) {
			unknown("renew", holder, ex);
			return Renewal.UNKNOWN;
		}
	}

	/**
	 * A call that timed out may still run (a frozen Redis runs what queued up once it
	 * resumes), and one that failed on a broken connection may have run before it broke.
	 * Neither is a refusal.
	 */
	private void unknown(String operation, String caller, DataAccessException ex) {
		Counter.builder("election.lease.unknown")
			.tag("lease", this.name)
			.tag("operation", operation)
			.register(this.meters)
			.increment();
		logger.warn("Lease {}: the outcome of {}'s {} is unknown ({}): it may or may not have run", this.name, caller,
				operation, ex.getMessage());
	}

	/**
	 * @param holder the replica's id
	 * @return whether the holder held the lease and gave it up
	 */
	public boolean release(String holder) {
		Long answer = this.redis.execute(RELEASE, List.of(key(this.name, "lease")), holder, key(this.name, "released"));
		return answer != null && answer == 1;
	}

	/**
	 * @return how long the current holder's lease still lives, zero if nobody holds it
	 */
	public Duration remaining() {
		Long ttlMillis = this.redis.getExpire(key(this.name, "lease"), TimeUnit.MILLISECONDS);
		return (ttlMillis != null && ttlMillis > 0) ? Duration.ofMillis(ttlMillis) : Duration.ZERO;
	}

	/**
	 * Reads the lease for display. Not atomic: across a change of term it may pair one
	 * holder with the next one's expiry, which a reader can live with and no decision
	 * here relies on.
	 * @return the lease as Redis holds it, if anyone holds it
	 */
	public Optional<LeaseTerm> current() {
		String holder = this.redis.opsForValue().get(key(this.name, "lease"));
		Long ttlMillis = this.redis.getExpire(key(this.name, "lease"), TimeUnit.MILLISECONDS);
		if (holder == null || ttlMillis == null || ttlMillis < 0) {
			return Optional.empty();
		}
		List<Object> term = this.redis.opsForHash()
			.multiGet(key(this.name, "term"), List.of("holder", "token", "since"));
		long token = holder.equals(term.get(0)) ? Long.parseLong((String) term.get(1)) : 0;
		Instant since = holder.equals(term.get(0)) ? Instant.ofEpochMilli(Long.parseLong((String) term.get(2)))
				: Instant.EPOCH;
		return Optional.of(new LeaseTerm(holder, token, this.clock.instant().plusMillis(ttlMillis), since));
	}

	private String millis() {
		return Long.toString(this.ttl.toMillis());
	}

	private static RedisScript<Long> script(String name) {
		return RedisScript.of(new ClassPathResource("scripts/" + name + ".lua"), Long.class);
	}

}
