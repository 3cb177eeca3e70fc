package dev.ddspatterns.election.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.ddspatterns.election.lease.Acquisition.Held;
import dev.ddspatterns.election.lease.Acquisition.Unknown;
import dev.ddspatterns.election.lease.Acquisition.Won;
import dev.ddspatterns.election.ledger.Append;
import dev.ddspatterns.election.ledger.FencedLedger;
import dev.ddspatterns.election.ledger.LedgerEntry;
import dev.ddspatterns.testsupport.redis.RedisServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The lease contract against a real Redis, and what only Redis's scripts do: tokens from
 * its counter and clock, learning a term minted while Redis was frozen, and the fenced
 * ledger.
 */
class LeaseIntegrationTests extends LeaseStoreContract {

	/**
	 * Long enough for the first connection on a busy machine (it is the limit of the
	 * handshake too), short enough for the calls a frozen Redis never answers.
	 */
	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration TTL = Duration.ofSeconds(2);

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	private LettuceConnectionFactory connections;

	private StringRedisTemplate template;

	private LeaseReleases releases;

	LeaseIntegrationTests() {
		super(TTL, () -> redis.server().pause(), () -> redis.server().resume());
	}

	@Override
	protected LeaseStore connect() {
		this.connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.server().host(), redis.server().port()),
				LettuceClientConfiguration.builder().commandTimeout(COMMAND_TIMEOUT).build());
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.template = new StringRedisTemplate(this.connections);
		flushAll();
		this.releases = new LeaseReleases(this.connections);
		this.releases.start();
		return new RedisLeases(this.template, this.releases, TTL, Clock.systemUTC());
	}

	@AfterEach
	void disconnect() {
		this.releases.stop();
		this.connections.destroy();
	}

	@Test
	void anAcquisitionSentToAFrozenRedisIsUnknownAndItsHolderLearnsTheTermItMinted() {
		Acquisition unknown;
		redis.server().pause();
		try {
			unknown = this.lease.acquire("a", 0);
		}
		finally {
			redis.server().resume();
		}
		assertThat(unknown).isInstanceOf(Unknown.class);
		assertThat(this.meters.counter("election.lease.unknown", "lease", this.lease.name(), "operation", "acquire")
			.count()).isOne();
		// The queued script ran once Redis resumed, so a's next attempt learns its term.
		long learned = won(this.lease.acquire("a", 0));
		assertThat(this.lease.current()).hasValueSatisfying((term) -> assertThat(term.token()).isEqualTo(learned));
		assertThat(this.template.opsForValue().get(RedisLeases.key(this.lease.name(), "token")))
			.as("no second term was minted")
			.isEqualTo(Long.toString(learned));
	}

	@Test
	void aTokenIsTheStoresClockInMicrosecondsWhenTheCounterIsBehindIt() {
		this.template.opsForValue().set(RedisLeases.key(this.lease.name(), "token"), "57");
		long before = micros(Instant.now());
		long token = won(this.lease.acquire("a", 0));
		long after = micros(Instant.now());
		assertThat(token).as("Redis and this test share the machine's clock").isBetween(before, after);
	}

	@Test
	void aCounterAheadOfTheStoresClockGrowsByOneAndIsKeptAsAnInteger() {
		// Ahead of the clock until 2033; written by Lua, 2e15 could print as "2e+15".
		this.template.opsForValue().set(RedisLeases.key(this.lease.name(), "token"), "1999999999999999");
		assertThat(won(this.lease.acquire("a", 0))).isEqualTo(2_000_000_000_000_000L);
		assertThat(this.template.opsForValue().get(RedisLeases.key(this.lease.name(), "token")))
			.isEqualTo("2000000000000000");
		assertThat(this.lease.current())
			.hasValueSatisfying((term) -> assertThat(term.token()).isEqualTo(2_000_000_000_000_000L));
	}

	@Test
	void aStoreThatLostItsDataStillMintsAHigherToken() {
		long before = won(this.lease.acquire("a", 0));
		flushAll();
		assertThat(won(this.lease.acquire("b", 0))).isGreaterThan(before);
	}

	@Test
	void theLedgerAcceptsTheCurrentTokenRepeatedlyAndRejectsAnOlderOne() {
		FencedLedger ledger = new FencedLedger(this.template, "test", Clock.systemUTC(), this.meters);
		assertThat(ledger.append("a", 1, 1)).isEqualTo(Append.ACCEPTED);
		assertThat(ledger.append("a", 1, 2)).isEqualTo(Append.ACCEPTED);
		assertThat(ledger.append("b", 2, 1)).isEqualTo(Append.ACCEPTED);
		assertThat(ledger.append("a", 1, 3)).as("a stale write").isEqualTo(Append.REJECTED);
		assertThat(ledger.rejections()).isEqualTo(1);
		assertThat(ledger.last(10)).extracting(LedgerEntry::owner, LedgerEntry::token, LedgerEntry::tick)
			.containsExactly(tuple("a", 1L, 1L), tuple("a", 1L, 2L), tuple("b", 2L, 1L));
		assertThat(ledger.last(1)).extracting(LedgerEntry::owner).containsExactly("b");
	}

	@Test
	void aTickSentToAFrozenRedisIsUnknownAndItsRetryFindsItWrittenOnce() {
		FencedLedger ledger = new FencedLedger(this.template, "test", Clock.systemUTC(), this.meters);
		assertThat(ledger.append("a", 1, 1)).isEqualTo(Append.ACCEPTED);
		Append unknown;
		redis.server().pause();
		try {
			unknown = ledger.append("a", 1, 2);
		}
		finally {
			redis.server().resume();
		}
		assertThat(unknown).as("not 'rejected': it may have run").isEqualTo(Append.UNKNOWN);
		assertThat(this.meters.counter("election.ledger.unknown", "ledger", "test").count()).isOne();
		assertThat(ledger.append("a", 1, 2)).isEqualTo(Append.ALREADY_ACCEPTED);
		assertThat(ledger.last(10)).extracting(LedgerEntry::tick).containsExactly(1L, 2L);
		assertThat(ledger.rejections()).isZero();
	}

	private static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	private void flushAll() {
		this.template.execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
	}

}
