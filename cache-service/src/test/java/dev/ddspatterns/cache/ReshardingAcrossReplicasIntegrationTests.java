package dev.ddspatterns.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.cache.CacheClient.Answer;
import dev.ddspatterns.cache.HistoryCheck.Anomaly;
import dev.ddspatterns.cache.HistoryCheck.Kind;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live resharding as deployed: three cache-service processes over real Redis shards,
 * clients writing, reading and deleting through all three while one replica's admin API
 * adds a shard and then removes another. The whole history of operations is checked
 * afterwards ({@link HistoryCheck}): no acknowledged write lost, no deleted key back, no
 * read older than a write acknowledged before it began, every value's time to live kept.
 */
class ReshardingAcrossReplicasIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(ReshardingAcrossReplicasIntegrationTests.class);

	private static final int KEYS = 2000;

	/**
	 * Operations to let complete between the steps, so each step has traffic around it.
	 */
	private static final int OPERATIONS_BETWEEN_STEPS = 600;

	/**
	 * The expiry window of a value is widened by this much: a moved value's remaining
	 * time to live is measured on its old shard and set on the new one a moment later.
	 */
	private static final Duration TTL_SLACK = Duration.ofSeconds(1);

	/** Five servers: the replicas start with shard-0 to shard-3; shard-4 joins later. */
	@RegisterExtension
	static final RedisServers redis = RedisServers.shards(5);

	static CacheReplicas replicas;

	@BeforeAll
	static void startReplicas() {
		List<String> properties = new ArrayList<>(CacheReplicas.shardProperties(redis, 4));
		properties.add(RedisShardsForTests.UNHURRIED);
		// No key gets hot enough for the near cache here: its staleness bound is
		// another test's subject.
		properties.add("suite.cache.hot-keys.threshold=1000000");
		replicas = CacheReplicas.start(3, Path.of("target", "replicas", "resharding"), properties);
	}

	@AfterAll
	static void stopReplicas() {
		if (replicas != null) {
			replicas.close();
		}
	}

	@Test
	void noWriteIsLostNoDeleteUndoneAndNoReadStaleWhileOneReplicaAddsAndRemovesShards() throws Exception {
		History history = new History();
		List<CacheClient> clients = new ArrayList<>();
		for (int i = 0; i < replicas.size(); i++) {
			clients.add(replicas.client(i, history));
		}
		Workload workload = new Workload(clients, KEYS, 18);
		workload.preload();
		workload.start(2);
		CacheClient admin = clients.get(0);

		awaitMoreOperations(history);
		long addStarted = history.now();
		Answer added = admin.addShard("shard-4", redis.shard(4).primary().uri());
		long addEnded = history.now();
		logger.info("Added shard-4: {} {}", added.status(), added.body());
		assertThat(added.status()).isEqualTo(200);
		assertThat(added.json().get("keysMoved").asLong()).isPositive();

		awaitMoreOperations(history);
		long removeStarted = history.now();
		Answer removed = admin.removeShard("shard-1");
		long removeEnded = history.now();
		logger.info("Removed shard-1: {} {}", removed.status(), removed.body());
		assertThat(removed.status()).isEqualTo(200);
		assertThat(removed.json().get("keysMoved").asLong()).isPositive();

		awaitMoreOperations(history);
		workload.stop();
		workload.readEverythingEverywhere();

		List<CacheOperation> operations = history.operations();
		List<Anomaly> anomalies = new HistoryCheck(TTL_SLACK).check(operations);
		Map<Kind, Long> counts = HistoryCheck.count(anomalies);
		logger.info("{} operations ({} sent while adding, {} while removing); anomalies: {}", operations.size(),
				history.sentBetween(addStarted, addEnded), history.sentBetween(removeStarted, removeEnded), counts);
		anomalies.stream().limit(20).forEach((anomaly) -> logger.info("{}", anomaly));
		assertThat(history.sentBetween(addStarted, addEnded)).as("operations while adding").isPositive();
		assertThat(history.sentBetween(removeStarted, removeEnded)).as("operations while removing").isPositive();
		assertThat(counts.values()).as("anomalies by kind: %s; the first: %s", counts, anomalies.stream().findFirst())
			.containsOnly(0L);
	}

	private static void awaitMoreOperations(History history) {
		int target = history.size() + OPERATIONS_BETWEEN_STEPS;
		await().atMost(Duration.ofMinutes(2)).until(() -> history.size() >= target);
	}

}
