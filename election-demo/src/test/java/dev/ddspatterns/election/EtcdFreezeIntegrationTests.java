package dev.ddspatterns.election;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.ddspatterns.election.ElectionProperties.Store;
import dev.ddspatterns.election.MintedTerms.Term;
import dev.ddspatterns.election.lease.EtcdLeases;
import dev.ddspatterns.testsupport.etcd.EtcdServers;
import dev.ddspatterns.testsupport.redis.RedisServers;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * etcd, which holds the leases, is frozen with SIGSTOP for twice the ttl while three
 * replicas lead and write (their ledgers are in Redis, which stays up). Every call sent
 * meanwhile times out on the client, and etcd may run it when it resumes: an acquisition
 * whose answer was lost may have minted a term. Every term minted from the freeze on,
 * read back from etcd's own history of the lease key, must be learned by the replica it
 * was minted for, which acts only in terms it knows; calls that timed out are counted as
 * unknown, not as refused; and the ledger stays fenced. The same property on Redis:
 * {@link RedisFreezeIntegrationTests}.
 */
class EtcdFreezeIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(EtcdFreezeIntegrationTests.class);

	/** etcd's shortest. */
	private static final Duration TTL = Duration.ofSeconds(2);

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@RegisterExtension
	static final EtcdServers etcd = EtcdServers.single();

	@Test
	void aStoreFrozenPastTheTtlMintsNoTermItsHolderNeverLearnsAndTimedOutCallsAreUnknown() throws Exception {
		try (Client client = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build();
				LedgerCheck ledgers = new LedgerCheck(redis.server());
				LocalReplicas replicas = new LocalReplicas(redis.server(), 3, TTL,
						StoreSelection.properties(Store.ETCD, etcd).toArray(String[]::new))) {
			ledgers.flush();
			Set<Term> learned = replicas.learnTerms();
			replicas.awaitOneLeader(Duration.ofSeconds(20));
			await().atMost(Duration.ofSeconds(10)).until(() -> !ledgers.entries("leader").isEmpty());

			long before = revision(client);
			etcd.member(0).pause();
			await().pollDelay(TTL.multipliedBy(2)).until(() -> true);
			etcd.member(0).resume();
			replicas.awaitOneLeader(TTL.multipliedBy(5));
			List<Term> minted = mintedSince(client, before);
			logger.info("Terms minted from the freeze on: {}; learned by their holders: {}", minted, learned);

			assertThat(minted).as("terms minted from the freeze on").isNotEmpty();
			await().atMost(TTL.multipliedBy(2))
				.untilAsserted(() -> assertThat(learned).as("terms learned by their holders").containsAll(minted));
			LedgerCheck.assertFenced("leader", ledgers.entries("leader"));
			double unknown = replicas.running()
				.stream()
				.map((replica) -> replica.getBean(MeterRegistry.class).find("election.lease.unknown").counters())
				.flatMap((counters) -> counters.stream())
				.mapToDouble(Counter::count)
				.sum();
			assertThat(unknown).as("lease calls to the frozen store counted as unknown").isPositive();
		}
	}

	private static long revision(Client client) throws Exception {
		return client.getKVClient().get(key()).get(30, TimeUnit.SECONDS).getHeader().getRevision();
	}

	/**
	 * Reads the leader lease's key at every revision since {@code before}: each new
	 * modification revision is a term etcd minted, whoever got the answer.
	 */
	private static List<Term> mintedSince(Client client, long before) throws Exception {
		Set<Term> terms = new LinkedHashSet<>();
		long now = revision(client);
		for (long revision = before + 1; revision <= now; revision++) {
			List<KeyValue> kvs = client.getKVClient()
				.get(key(), GetOption.builder().withRevision(revision).build())
				.get(30, TimeUnit.SECONDS)
				.getKvs();
			for (KeyValue kv : kvs) {
				if (kv.getModRevision() > before) {
					terms.add(new Term(kv.getValue().toString(StandardCharsets.UTF_8), kv.getModRevision()));
				}
			}
		}
		return new ArrayList<>(terms);
	}

	private static ByteSequence key() {
		return ByteSequence.from(EtcdLeases.key("leader", "lease"), StandardCharsets.UTF_8);
	}

}
