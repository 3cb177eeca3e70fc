package dev.ddspatterns.election.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.ddspatterns.election.ledger.FencedLedger;
import dev.ddspatterns.election.ledger.LedgerEntry;
import dev.ddspatterns.testsupport.redis.RedisServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The lease and ledger scripts against a real Redis. */
class LeaseIntegrationTests {

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	private LettuceConnectionFactory connections;

	private StringRedisTemplate template;

	private Lease lease;

	@BeforeEach
	void connect() {
		this.connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.server().host(), redis.server().port()));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.template = new StringRedisTemplate(this.connections);
		this.template.getRequiredConnectionFactory().getConnection().serverCommands().flushAll();
		this.lease = new Lease(this.template, "test", Duration.ofMillis(500), Clock.systemUTC());
	}

	private static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	@AfterEach
	void disconnect() {
		this.connections.destroy();
	}

	@Test
	void onlyOneCandidateGetsAFreeLeaseAndTheOtherLearnsItsToken() {
		long token = this.lease.acquire("a");
		assertThat(token).isPositive();
		assertThat(this.lease.acquire("b")).isEqualTo(-token);
		assertThat(this.lease.current()).hasValueSatisfying((term) -> {
			assertThat(term.holder()).isEqualTo("a");
			assertThat(term.token()).isEqualTo(token);
		});
	}

	@Test
	void onlyTheHolderRenewsOrReleases() {
		long first = this.lease.acquire("a");
		assertThat(this.lease.renew("b")).isFalse();
		assertThat(this.lease.release("b")).isFalse();
		assertThat(this.lease.renew("a")).isTrue();
		assertThat(this.lease.release("a")).isTrue();
		assertThat(this.lease.current()).isEmpty();
		assertThat(this.lease.acquire("b")).as("the next term's token is higher").isGreaterThan(first);
	}

	@Test
	void anExpiredLeaseGoesToTheNextCandidateWithAHigherTokenAndCannotBeRenewedByItsOldHolder() {
		long first = this.lease.acquire("a");
		await().atMost(Duration.ofSeconds(2)).until(() -> this.lease.acquire("b") > 0);
		assertThat(this.lease.current()).hasValueSatisfying((term) -> assertThat(term.token()).isGreaterThan(first));
		assertThat(this.lease.renew("a")).isFalse();
		assertThat(this.lease.release("a")).isFalse();
		assertThat(this.lease.current()).hasValueSatisfying((term) -> assertThat(term.holder()).isEqualTo("b"));
	}

	@Test
	void aTokenIsTheStoresClockInMicrosecondsWhenTheCounterIsBehindIt() {
		this.template.opsForValue().set(Lease.key("test", "token"), "57");
		long before = micros(Instant.now());
		long token = this.lease.acquire("a");
		long after = micros(Instant.now());
		assertThat(token).as("Redis and this test share the machine's clock").isBetween(before, after);
	}

	@Test
	void aCounterAheadOfTheStoresClockGrowsByOneAndIsKeptAsAnInteger() {
		// Ahead of the clock until 2033; written by Lua, 2e15 would print as "2e+15".
		this.template.opsForValue().set(Lease.key("test", "token"), "1999999999999999");
		assertThat(this.lease.acquire("a")).isEqualTo(2_000_000_000_000_000L);
		assertThat(this.template.opsForValue().get(Lease.key("test", "token"))).isEqualTo("2000000000000000");
		assertThat(this.lease.current())
			.hasValueSatisfying((term) -> assertThat(term.token()).isEqualTo(2_000_000_000_000_000L));
	}

	@Test
	void aStoreThatLostItsDataStillMintsAHigherToken() {
		long before = this.lease.acquire("a");
		this.template.getRequiredConnectionFactory().getConnection().serverCommands().flushAll();
		assertThat(this.lease.acquire("b")).isGreaterThan(before);
	}

	@Test
	void theLedgerAcceptsTheCurrentTokenRepeatedlyAndRejectsAnOlderOne() {
		FencedLedger ledger = new FencedLedger(this.template, "test", Clock.systemUTC(), new SimpleMeterRegistry());
		assertThat(ledger.append("a", 1, 1)).isTrue();
		assertThat(ledger.append("a", 1, 2)).isTrue();
		assertThat(ledger.append("b", 2, 1)).isTrue();
		assertThat(ledger.append("a", 1, 3)).as("a stale write").isFalse();
		assertThat(ledger.rejections()).isEqualTo(1);
		assertThat(ledger.last(10)).extracting(LedgerEntry::owner, LedgerEntry::token, LedgerEntry::tick)
			.containsExactly(tuple("a", 1L, 1L), tuple("a", 1L, 2L), tuple("b", 2L, 1L));
		assertThat(ledger.last(1)).extracting(LedgerEntry::owner).containsExactly("b");
	}

}
