package dev.ddspatterns.election.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Leases in Redis with fencing tokens. Each operation is one atomic Lua script that
 * compares the holder's id before it acts ({@code scripts/acquire.lua},
 * {@code renew.lua}, {@code release.lua}), so a holder whose lease expired can never
 * extend or delete its successor's. A lease's keys share its name as a hash tag
 * ({@code election:{leader}:lease}) so they stay together on a Redis Cluster. Releases
 * are announced on a channel, which {@link LeaseReleases} listens to.
 */
public class RedisLeases implements LeaseStore {

	private static final RedisScript<Long> ACQUIRE = script("acquire");

	private static final RedisScript<Long> RENEW = script("renew");

	private static final RedisScript<Long> RELEASE = script("release");

	private final StringRedisTemplate redis;

	private final LeaseReleases releases;

	private final Duration ttl;

	private final Clock clock;

	/**
	 * @param redis the Redis holding the leases
	 * @param releases the announcements of released leases
	 * @param ttl every lease's ttl
	 * @param clock the wall clock, for a term's "since"
	 */
	public RedisLeases(StringRedisTemplate redis, LeaseReleases releases, Duration ttl, Clock clock) {
		this.redis = redis;
		this.releases = releases;
		this.ttl = ttl;
		this.clock = clock;
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

	@Override
	public Acquisition acquire(String lease, String candidate, long known) {
		Long answer = this.redis.execute(ACQUIRE, List.of(key(lease, "lease"), key(lease, "token"), key(lease, "term")),
				candidate, millis(), Long.toString(this.clock.millis()), Long.toString(known));
		return Acquisition.of((answer != null) ? answer : 0);
	}

	@Override
	public boolean renew(String lease, String holder) {
		Long answer = this.redis.execute(RENEW, List.of(key(lease, "lease")), holder, millis());
		return answer != null && answer == 1;
	}

	@Override
	public boolean release(String lease, String holder) {
		Long answer = this.redis.execute(RELEASE, List.of(key(lease, "lease")), holder, key(lease, "released"));
		return answer != null && answer == 1;
	}

	@Override
	public Duration remaining(String lease) {
		Long ttlMillis = this.redis.getExpire(key(lease, "lease"), TimeUnit.MILLISECONDS);
		return (ttlMillis != null && ttlMillis > 0) ? Duration.ofMillis(ttlMillis) : Duration.ZERO;
	}

	/**
	 * Reads the lease for display. Not atomic: across a change of term it may pair one
	 * holder with the next one's expiry, which a reader can live with and no decision
	 * here relies on.
	 */
	@Override
	public Optional<LeaseTerm> current(String lease) {
		String holder = this.redis.opsForValue().get(key(lease, "lease"));
		Long ttlMillis = this.redis.getExpire(key(lease, "lease"), TimeUnit.MILLISECONDS);
		if (holder == null || ttlMillis == null || ttlMillis < 0) {
			return Optional.empty();
		}
		List<Object> term = this.redis.opsForHash().multiGet(key(lease, "term"), List.of("holder", "token", "since"));
		long token = holder.equals(term.get(0)) ? Long.parseLong((String) term.get(1)) : 0;
		Instant since = holder.equals(term.get(0)) ? Instant.ofEpochMilli(Long.parseLong((String) term.get(2)))
				: Instant.EPOCH;
		return Optional.of(new LeaseTerm(holder, token, this.clock.instant().plusMillis(ttlMillis), since));
	}

	@Override
	public void onRelease(String prefix, Runnable action) {
		this.releases.onRelease(prefix, action);
	}

	@Override
	public void watch() {
		this.releases.subscribe();
	}

	private String millis() {
		return Long.toString(this.ttl.toMillis());
	}

	private static RedisScript<Long> script(String name) {
		return RedisScript.of(new ClassPathResource("scripts/" + name + ".lua"), Long.class);
	}

}
