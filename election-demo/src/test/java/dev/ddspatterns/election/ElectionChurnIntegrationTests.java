package dev.ddspatterns.election;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.ddspatterns.election.ElectionProperties.Store;
import dev.ddspatterns.testsupport.etcd.EtcdServers;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A minute of random failures among three replica processes, on each lease store (Redis,
 * then a single etcd member): SIGKILL, SIGSTOP for up to twice the ttl, and graceful
 * stops, each followed by a restart or a resume. Whatever happened, the ledgers must show
 * what fencing promises: tokens that never go back, one writer per token, so no two terms
 * ever had accepted writes interleaved. The random seed is logged;
 * {@code -Delection.churn.seed=...} replays a run and
 * {@code -Delection.churn.duration=PT5M} makes it longer.
 */
class ElectionChurnIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(ElectionChurnIntegrationTests.class);

	/** Whole seconds, as etcd counts them; its shortest is two. */
	private static final Duration TTL = Duration.ofSeconds(2);

	private static final int SHARDS = 16;

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@RegisterExtension
	static final EtcdServers etcd = EtcdServers.single();

	private final List<ReplicaProcess> replicas = new ArrayList<>();

	private final List<ReplicaProcess> all = new ArrayList<>();

	private int started;

	private Path logs;

	private Store store = Store.REDIS;

	@AfterEach
	void stopReplicas() {
		this.all.forEach(ReplicaProcess::close);
		this.all.clear();
		this.replicas.clear();
	}

	@ParameterizedTest
	@EnumSource(Store.class)
	void randomKillsPausesAndRestartsNeverLetTwoTermsWriteInterleaved(Store store) throws Exception {
		long seed = Long.getLong("election.churn.seed", System.nanoTime());
		Duration duration = Duration.parse(System.getProperty("election.churn.duration", "PT60S"));
		logger.info("Churn on {} for {} with seed {}", store, duration, seed);
		try (LedgerCheck ledgers = new LedgerCheck(redis.server())) {
			ledgers.flush();
		}
		this.store = store;
		Random random = new Random(seed);
		this.logs = Files.createDirectories(Path.of("target", "replica-logs", "churn-" + store.name().toLowerCase()));
		for (int i = 0; i < 3; i++) {
			this.replicas.add(launch());
		}
		this.replicas.forEach(ReplicaProcess::awaitReady);

		Instant end = Instant.now().plus(duration);
		List<String> events = new ArrayList<>();
		while (Instant.now().isBefore(end)) {
			// Half the time the leader, whose failures are the ones that matter most.
			ReplicaProcess victim = random.nextBoolean() ? leader()
					: this.replicas.get(random.nextInt(this.replicas.size()));
			int fault = random.nextInt(3);
			if (fault == 0) {
				victim.kill();
				events.add("kill " + victim.id());
			}
			else if (fault == 1) {
				victim.terminate();
				events.add("stop " + victim.id());
			}
			else {
				Duration pause = Duration.ofMillis(200 + random.nextInt((int) TTL.toMillis() * 2));
				victim.pause();
				await().pollDelay(pause).until(() -> true);
				victim.resume();
				events.add("pause " + victim.id() + " " + pause.toMillis() + "ms");
				continue;
			}
			this.replicas.remove(victim);
			ReplicaProcess replacement = launch();
			this.replicas.add(replacement);
			replacement.awaitReady();
		}
		logger.info("Churn events: {}", events);

		try (LedgerCheck ledgers = new LedgerCheck(redis.server())) {
			Set<Long> terms = new HashSet<>();
			for (Map<String, String> entry : ledgers.assertFenced("leader")) {
				terms.add(Long.parseLong(entry.get("token")));
			}
			for (int shard = 0; shard < SHARDS; shard++) {
				ledgers.assertFenced("shard-" + shard);
			}
			logger.info("The leader ledger saw {} terms over {} failures", terms.size(), events.size());
			assertThat(terms).as("leadership changed hands during the churn").hasSizeGreaterThan(1);
		}
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> acting() == 1);
	}

	private ReplicaProcess leader() throws IOException {
		for (ReplicaProcess replica : this.replicas) {
			if (replica.client().leader().acting()) {
				return replica;
			}
		}
		return this.replicas.get(0);
	}

	private long acting() throws IOException {
		long acting = 0;
		for (ReplicaProcess replica : this.replicas) {
			acting += replica.client().leader().acting() ? 1 : 0;
		}
		return acting;
	}

	private ReplicaProcess launch() {
		String id = "replica-" + this.started++;
		List<String> properties = new ArrayList<>(List.of("spring.data.redis.host=" + redis.server().host(),
				"spring.data.redis.port=" + redis.server().port(), "suite.election.lease-ttl=" + TTL.toMillis() + "ms",
				"suite.election.shards=" + SHARDS));
		properties.addAll(StoreSelection.properties(this.store, etcd));
		ReplicaProcess replica = ReplicaProcess.launch(id, this.logs.resolve(id + ".log"), properties);
		this.all.add(replica);
		return replica;
	}

}
