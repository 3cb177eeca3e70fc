package dev.ddspatterns.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ddspatterns.cache.CacheClient.Answer;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live resharding as deployed: three cache-service processes over real Redis shards,
 * clients writing, reading and deleting through all three while one replica's admin API
 * adds a shard and then removes another. The whole history of operations is checked
 * afterwards ({@link HistoryCheck}): no acknowledged write lost, no deleted key back, no
 * read older than a write acknowledged before it began, every value's time to live kept.
 * A fourth replica started afterwards, from the same configuration, routes by the new
 * map, not by its properties.
 */
class ReshardingAcrossReplicasIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(ReshardingAcrossReplicasIntegrationTests.class);

	private static final int KEYS = 2000;

	/**
	 * Operations to let complete between the steps, so each step has traffic around it.
	 */
	static final int OPERATIONS_BETWEEN_STEPS = 600;

	/**
	 * The expiry window of a value is widened by this much: a moved value's remaining
	 * time to live is measured on its old shard and set on the new one a moment later.
	 */
	static final Duration TTL_SLACK = Duration.ofSeconds(1);

	/** Five servers: the replicas start with shard-0 to shard-3; shard-4 joins later. */
	@RegisterExtension
	static final RedisServers redis = RedisServers.shards(5);

	static CacheReplicas replicas;

	@BeforeAll
	static void startReplicas() {
		replicas = CacheReplicas.start(3, Path.of("target", "replicas", "resharding"),
				CacheReplicas.settings(redis, 4));
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
		List<CacheClient> clients = replicas.clients(history);
		Workload workload = new Workload(clients, KEYS, 18);
		workload.preload();
		workload.start(2);
		CacheClient admin = clients.get(0);

		history.awaitMore(OPERATIONS_BETWEEN_STEPS);
		long addStarted = history.now();
		Answer added = admin.addShard("shard-4", redis.shard(4).primary().uri());
		long addEnded = history.now();
		logger.info("Added shard-4: {} {}", added.status(), added.body());
		assertThat(added.status()).isEqualTo(200);
		assertThat(added.json().get("keysMoved").asLong()).isPositive();

		history.awaitMore(OPERATIONS_BETWEEN_STEPS);
		long removeStarted = history.now();
		Answer removed = admin.removeShard("shard-1");
		long removeEnded = history.now();
		logger.info("Removed shard-1: {} {}", removed.status(), removed.body());
		assertThat(removed.status()).isEqualTo(200);
		assertThat(removed.json().get("keysMoved").asLong()).isPositive();
		long finalEpoch = removed.json().get("epoch").asLong();

		history.awaitMore(OPERATIONS_BETWEEN_STEPS);
		workload.stop();
		for (CacheClient client : clients) {
			await().atMost(Duration.ofSeconds(10)).until(() -> client.epoch() == finalEpoch);
		}
		// Each replica notes the epoch it routes by at its next poll.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode seen = admin.shards().json().get("replicas");
			for (int i = 0; i < replicas.size(); i++) {
				assertThat(seen.path("replica-" + i).asLong()).as("replica-%d has seen the map: %s", i, seen)
					.isEqualTo(finalEpoch);
			}
		});

		CacheClient later = replicas.client(replicas.startAnother(), history);
		JsonNode laterListing = later.shards().json();
		assertThat(laterListing.get("epoch").asLong()).as("the replica started later routes by the stored map")
			.isEqualTo(finalEpoch);
		assertThat(laterListing.get("shards").findValuesAsString("name")).containsExactly("shard-0", "shard-2",
				"shard-3", "shard-4");
		List<CacheClient> everyReplica = new ArrayList<>(clients);
		everyReplica.add(later);
		workload.readEverything(everyReplica);

		logger.info("Sent {} operations while adding, {} while removing", history.sentBetween(addStarted, addEnded),
				history.sentBetween(removeStarted, removeEnded));
		assertThat(history.sentBetween(addStarted, addEnded)).as("operations while adding").isPositive();
		assertThat(history.sentBetween(removeStarted, removeEnded)).as("operations while removing").isPositive();
		HistoryCheck.assertNoAnomalies(history, TTL_SLACK);
	}

}
