package dev.ddspatterns.election;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.ddspatterns.election.MintedTerms.Term;
import dev.ddspatterns.testsupport.redis.RedisServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis, which holds the leases and the ledger, is frozen with SIGSTOP for twice the ttl
 * while three replicas lead and write: every command sent meanwhile times out on the
 * client and runs when Redis resumes. A call that timed out has an unknown outcome, not a
 * failed one: no tick may be reported as not written that the ledger holds, and every
 * term an acquisition minted meanwhile must be learned by the replica it was minted for,
 * which acts only in terms it knows.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisFreezeIntegrationTests {

	private static final Duration TTL = Duration.ofMillis(1500);

	/** What the replicas log when a tick was not written: the ledger refused it. */
	private static final Pattern NOT_WRITTEN = Pattern
		.compile("Ledger leader rejected tick (\\d+) of \\S+ with stale token (\\d+)");

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@Test
	void aStoreFrozenPastTheTtlMintsNoTermItsHolderNeverLearnsAndNoWrittenTickIsReportedAsNotWritten(
			CapturedOutput output) throws Exception {
		try (LedgerCheck ledgers = new LedgerCheck(redis.server());
				LocalReplicas replicas = new LocalReplicas(redis.server(), 3, TTL)) {
			Set<Term> learned = replicas.learnTerms();
			ConfigurableApplicationContext leader = replicas.awaitOneLeader(Duration.ofSeconds(10));
			await().atMost(Duration.ofSeconds(10)).until(() -> !ledgers.entries("leader").isEmpty());

			try (MintedTerms minted = MintedTerms.watch(redis.server(), "leader")) {
				redis.server().pause();
				await().pollDelay(TTL.multipliedBy(2)).until(() -> true);
				redis.server().resume();
				replicas.awaitOneLeader(TTL.multipliedBy(4));
				await().atMost(TTL.multipliedBy(2))
					.untilAsserted(() -> assertThat(learned).as("terms learned by their holders")
						.containsAll(minted.minted()));
				assertThat(minted.minted()).as("terms minted after the freeze").isNotEmpty();
			}

			List<Map<String, String>> entries = LedgerCheck.assertFenced("leader", ledgers.entries("leader"));
			Set<String> written = entries.stream()
				.map((entry) -> entry.get("token") + "/" + entry.get("tick"))
				.collect(Collectors.toSet());
			Matcher notWritten = NOT_WRITTEN.matcher(output.getOut());
			while (notWritten.find()) {
				String tick = notWritten.group(2) + "/" + notWritten.group(1);
				assertThat(written).as("tick %s was reported as not written: %s", tick, notWritten.group())
					.doesNotContain(tick);
			}
			Counter unknown = leader.getBean(MeterRegistry.class)
				.find("election.ledger.unknown")
				.tag("ledger", "leader")
				.counter();
			assertThat(unknown).as("the frozen leader counted ticks whose outcome it does not know").isNotNull();
			assertThat(unknown.count()).isPositive();
		}
	}

}
