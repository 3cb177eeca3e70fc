package dev.ddspatterns.gateway.ratelimit;

import dev.ddspatterns.gateway.ManualClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

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

/** The Lua token bucket against a real Redis, with the clock in the test's hands. */
class TokenBucketIntegrationTests {

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	static LettuceConnectionFactory connections;

	static ReactiveStringRedisTemplate template;

	final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	TokenBucket bucket;

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
		this.bucket = new TokenBucket(template, this.clock, Duration.ofMillis(200),
				new RedisOutage(this.clock, this.meters));
	}

	@Test
	void refillsContinuouslyAndSaysWhenEnoughTokensWillBeThere() {
		Limit twoPerSecond = new Limit(2, 2, 1);
		assertThat(take("{a}", twoPerSecond)).isEqualTo(new Decision(Verdict.ALLOWED, 1, Duration.ZERO));
		assertThat(take("{a}", twoPerSecond)).isEqualTo(new Decision(Verdict.ALLOWED, 0, Duration.ZERO));
		this.clock.advance(Duration.ofMillis(250));
		// Half a token is there; the other half takes another 250 ms at 2 per second.
		assertThat(take("{a}", twoPerSecond)).isEqualTo(new Decision(Verdict.LIMITED, 0, Duration.ofMillis(250)));
		this.clock.advance(Duration.ofMillis(250));
		assertThat(take("{a}", twoPerSecond).verdict()).isEqualTo(Verdict.ALLOWED);
	}

	@Test
	void aDearRequestWaitsForAllTheTokensItCosts() {
		Limit costsThree = new Limit(1, 4, 3);
		assertThat(take("{b}", costsThree)).isEqualTo(new Decision(Verdict.ALLOWED, 1, Duration.ZERO));
		assertThat(take("{b}", costsThree)).isEqualTo(new Decision(Verdict.LIMITED, 1, Duration.ofSeconds(2)));
	}

	@Test
	void aReplicaWhoseClockLagsMintsNoTokens() {
		Limit onePerSecond = new Limit(1, 1, 1);
		assertThat(take("{c}", onePerSecond).verdict()).isEqualTo(Verdict.ALLOWED);
		this.clock.advance(Duration.ofSeconds(-10));
		assertThat(take("{c}", onePerSecond).verdict()).isEqualTo(Verdict.LIMITED);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(take("{c}", onePerSecond))
			.as("the lagging call moved nothing back: one second after the first call a token is there")
			.isEqualTo(new Decision(Verdict.LIMITED, 0, Duration.ofSeconds(1)));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(take("{c}", onePerSecond).verdict()).isEqualTo(Verdict.ALLOWED);
	}

	@Test
	void aBucketExpiresWhenItWouldBeFullAgain() {
		Limit fivePerSecond = new Limit(5, 10, 1);
		for (int i = 0; i < 3; i++) {
			take("rate-limit:{d}", fivePerSecond);
		}
		long lastTake = System.nanoTime();
		take("rate-limit:{d}", fivePerSecond);
		// 4 tokens short at 5 per second: full again, and forgotten, in 800 ms. Redis's
		// own clock runs down the TTL meanwhile: by at most the time since the last take
		// began, however slow a busy machine is.
		ByteBuffer key = ByteBuffer.wrap("rate-limit:{d}".getBytes(StandardCharsets.UTF_8));
		Long millisToLive = template.execute((connection) -> connection.keyCommands().pTtl(key)).blockFirst();
		long sinceLastTake = Duration.ofNanos(System.nanoTime() - lastTake).toMillis();
		assertThat(millisToLive).isBetween(800L - sinceLastTake - 1, 800L);
	}

	@Test
	void aPausedRedisCostsARequestTheTimeoutAndNoMore() {
		Limit limit = new Limit(1, 5, 1);
		assertThat(take("{e}", limit).verdict()).isEqualTo(Verdict.ALLOWED);
		redis.server().pause();
		try {
			long started = System.nanoTime();
			assertThat(take("{e}", limit)).isEqualTo(Decision.UNKNOWN);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
			assertThat(this.meters.get("gateway.ratelimit.redis.outage").gauge().value()).isEqualTo(1);
		}
		finally {
			redis.server().resume();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> take("{e}", limit).verdict() == Verdict.ALLOWED);
		assertThat(this.meters.get("gateway.ratelimit.redis.outage").gauge().value()).isZero();
		assertThat(this.meters.get("gateway.ratelimit.redis.errors").counter().count()).isPositive();
	}

	private Decision take(String key, Limit limit) {
		return this.bucket.take(key, limit).block();
	}

}
