package dev.ddspatterns.gateway.ratelimit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.gateway.ratelimit.TokenBucket.Decision;
import dev.ddspatterns.gateway.ratelimit.TokenBucket.Limit;
import dev.ddspatterns.gateway.ratelimit.TokenBucket.Verdict;
import dev.ddspatterns.testsupport.redis.RedisNode;
import dev.ddspatterns.testsupport.redis.RedisServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Lua token bucket against a real Redis, on Redis's own clock: what a bucket admits
 * is bounded by its limit and the real time that passed ({@link Allowance}).
 */
class TokenBucketIntegrationTests {

	/**
	 * Redis is healthy here; a generous timeout keeps a busy machine from failing open.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	static LettuceConnectionFactory connections;

	static ReactiveStringRedisTemplate template;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeAll
	static void connect() {
		RedisNode node = redis.server();
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(node.host(), node.port()));
		connections.afterPropertiesSet();
		connections.start();
		template = new ReactiveStringRedisTemplate(connections);
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@BeforeEach
	void emptyRedis() {
		template.execute((connection) -> connection.serverCommands().flushAll()).blockLast();
	}

	@Test
	void refillsContinuouslyAndAdmitsNoSoonerThanItSaid() {
		Limit twoPerSecond = new Limit(2, 2, 1);
		TokenBucket bucket = bucket(TIMEOUT);
		assertThat(take(bucket, "{a}", twoPerSecond).verdict()).isEqualTo(Verdict.ALLOWED);
		assertThat(take(bucket, "{a}", twoPerSecond).verdict()).isEqualTo(Verdict.ALLOWED);
		// Empty now, give or take what refilled meanwhile: ask until the bucket says no.
		long asked;
		Decision refused;
		do {
			asked = System.nanoTime();
			refused = take(bucket, "{a}", twoPerSecond);
		}
		while (refused.verdict() == Verdict.ALLOWED);
		Duration wait = refused.retryAfter();
		assertThat(wait).as("at 2 per second the next token is never more than 500 ms away")
			.isPositive()
			.isLessThanOrEqualTo(Duration.ofMillis(500));

		await().atMost(wait.plusSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> take(bucket, "{a}", twoPerSecond).verdict() == Verdict.ALLOWED);
		Duration untilAllowed = Duration.ofNanos(System.nanoTime() - asked);
		// The script counts whole milliseconds of Redis's clock; allow for its rounding.
		assertThat(untilAllowed).as("allowed no sooner than the refusal said")
			.isGreaterThanOrEqualTo(wait.minusMillis(2));
	}

	@Test
	void aLeaseTakesWholeTokensTheBucketHoldsUpToTheMostAsked() {
		Limit slow = new Limit(1, 25, 1);
		TokenBucket bucket = bucket(TIMEOUT);
		Allowance allowance = Allowance.startingNow(slow);
		Decision first = bucket.take("{l}", slow, 10).block();
		assertThat(first).isEqualTo(new Decision(Verdict.ALLOWED, 15, Duration.ZERO, 10));
		Decision second = bucket.take("{l}", slow, 10).block();
		assertThat(second.granted()).isEqualTo(10);
		Decision third = bucket.take("{l}", slow, 10).block();
		assertThat(third.verdict()).isEqualTo(Verdict.ALLOWED);
		assertThat(third.granted()).as("the whole tokens the bucket still held, fewer than asked")
			.isBetween(5L, 5 + allowance.refilled());
		assertThat(first.granted() + second.granted() + third.granted())
			.isLessThanOrEqualTo(slow.burstCapacity() + allowance.refilled());
	}

	@Test
	void aDearRequestWaitsForAllTheTokensItCosts() {
		// 30 tokens a request at 1 per second: the second request stays refused for 20 s.
		Limit costsThirty = new Limit(1, 40, 30);
		TokenBucket bucket = bucket(TIMEOUT);
		Allowance allowance = Allowance.startingNow(costsThirty);
		assertThat(take(bucket, "{b}", costsThirty)).isEqualTo(new Decision(Verdict.ALLOWED, 10, Duration.ZERO, 30));
		Decision second = take(bucket, "{b}", costsThirty);
		assertThat(second.verdict()).isEqualTo(Verdict.LIMITED);
		assertThat(second.remaining()).isBetween(10L, 10 + allowance.refilled());
		assertThat(second.retryAfter()).as("the 20 tokens missing, less what refilled since the first")
			.isBetween(Duration.ofSeconds(20).minus(allowance.elapsed()), Duration.ofSeconds(20));
	}

	@Test
	void aBucketsTimeNeverRunsBackwards() {
		// As if Redis's clock had stepped back a minute since the bucket was last
		// written,
		// or a replica whose clock lags had taken over.
		long redisNow = template.execute((connection) -> connection.serverCommands().time()).blockFirst();
		String ahead = String.valueOf(redisNow + 60_000);
		ByteBuffer key = bytes("{c}");
		template
			.execute((connection) -> connection.hashCommands()
				.hMSet(key, Map.of(bytes("tokens"), bytes("0"), bytes("at"), bytes(ahead))))
			.blockLast();

		Limit onePerSecond = new Limit(1, 1, 1);
		assertThat(take(bucket(TIMEOUT), "{c}", onePerSecond).verdict()).as("no tokens minted for the time in between")
			.isEqualTo(Verdict.LIMITED);
		List<ByteBuffer> bucket = template
			.execute((connection) -> connection.hashCommands().hMGet(key, List.of(bytes("tokens"), bytes("at"))))
			.blockFirst();
		assertThat(bucket).extracting(TokenBucketIntegrationTests::text).containsExactly("0", ahead);
	}

	@Test
	void aBucketExpiresWhenItWouldBeFullAgain() {
		Limit onePerSecond = new Limit(1, 10, 1);
		TokenBucket bucket = bucket(TIMEOUT);
		long firstTake = System.nanoTime();
		for (int i = 0; i < 4; i++) {
			take(bucket, "rate-limit:{d}", onePerSecond);
		}
		// 4 tokens short at 1 per second: full again, and forgotten, 4 s after the first
		// take, however long the four took.
		Long millisToLive = template.execute((connection) -> connection.keyCommands().pTtl(bytes("rate-limit:{d}")))
			.blockFirst();
		long sinceFirstTake = Duration.ofNanos(System.nanoTime() - firstTake).toMillis();
		assertThat(millisToLive).isBetween(4000L - sinceFirstTake - 1, 4000L);
	}

	@Test
	void aPausedRedisCostsARequestTheTimeoutAndNoMore() {
		Limit limit = new Limit(1, 5, 1);
		TokenBucket bucket = bucket(Duration.ofMillis(200));
		assertThat(take(bucket, "{e}", limit).verdict()).isEqualTo(Verdict.ALLOWED);
		redis.server().pause();
		try {
			long started = System.nanoTime();
			assertThat(take(bucket, "{e}", limit)).isEqualTo(Decision.UNKNOWN);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
			assertThat(this.meters.get("gateway.ratelimit.redis.outage").gauge().value()).isEqualTo(1);
		}
		finally {
			redis.server().resume();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> take(bucket, "{e}", limit).verdict() == Verdict.ALLOWED);
		assertThat(this.meters.get("gateway.ratelimit.redis.outage").gauge().value()).isZero();
		assertThat(this.meters.get("gateway.ratelimit.redis.errors").counter().count()).isPositive();
	}

	private TokenBucket bucket(Duration timeout) {
		return new TokenBucket(template, timeout, new RedisOutage(Clock.systemUTC(), this.meters));
	}

	private static Decision take(TokenBucket bucket, String key, Limit limit) {
		return bucket.take(key, limit).block();
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String text(ByteBuffer bytes) {
		return StandardCharsets.UTF_8.decode(bytes).toString();
	}

}
