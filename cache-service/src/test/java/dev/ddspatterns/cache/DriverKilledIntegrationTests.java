package dev.ddspatterns.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
 * The replica driving a migration is killed with SIGKILL half-way, while clients write,
 * read and delete through every replica: another replica finds the migration without a
 * live lease, takes it over under a new epoch and finishes it, and the whole history
 * still holds what the cache promises ({@link HistoryCheck}).
 */
class DriverKilledIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(DriverKilledIntegrationTests.class);

	/** Enough keys that the move takes seconds, so the kill lands in its middle. */
	private static final int KEYS = 4000;

	private static final Duration DRIVER_LEASE = Duration.ofMillis(1500);

	/** Four servers: the replicas start with shard-0 to shard-2; shard-3 joins. */
	@RegisterExtension
	static final RedisServers redis = RedisServers.shards(4);

	static CacheReplicas replicas;

	@BeforeAll
	static void startReplicas() {
		List<String> settings = new ArrayList<>(CacheReplicas.settings(redis, 3));
		settings.add("suite.cache.shard-map.driver-lease=" + DRIVER_LEASE.toMillis() + "ms");
		replicas = CacheReplicas.start(3, Path.of("target", "replicas", "driver-killed"), settings);
	}

	@AfterAll
	static void stopReplicas() {
		if (replicas != null) {
			replicas.close();
		}
	}

	@Test
	void aMigrationWhoseDriverIsKilledIsFinishedByAnotherReplicaWithNothingLost() throws Exception {
		History history = new History();
		List<CacheClient> clients = replicas.clients(history);
		Workload workload = new Workload(clients, KEYS, 42);
		workload.preload();
		workload.start(2);
		history.awaitMore(ReshardingAcrossReplicasIntegrationTests.OPERATIONS_BETWEEN_STEPS);

		CacheClient driver = clients.get(0);
		CacheClient witness = clients.get(1);
		CompletableFuture<?> adding = CompletableFuture
			.runAsync(() -> driver.addShard("shard-3", redis.shard(3).primary().uri()));
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> RedisShardsForTests.keysOn(redis.shard(3)) >= 20);
		workload.retire(0);
		replicas.process(0).kill();
		long killed = history.now();
		JsonNode atKill = witness.shards().json();
		logger.info("Killed the driver with {} keys on shard-3; the map then: {}",
				RedisShardsForTests.keysOn(redis.shard(3)), atKill);
		assertThat(atKill.get("migration").isNull()).as("the kill came before the migration finished").isFalse();
		assertThat(atKill.get("migration").get("driver").asString()).isEqualTo("replica-0");
		long epochAtKill = atKill.get("epoch").asLong();

		JsonNode finished = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> witness.shards().json(), (listing) -> listing.get("migration").isNull());
		logger.info("Finished by another replica: {}", finished);
		assertThat(finished.get("epoch").asLong()).as("taken over under a new epoch, then finished")
			.isGreaterThanOrEqualTo(epochAtKill + 2);
		assertThat(finished.get("shards").findValuesAsString("name")).contains("shard-3");
		assertThat(adding).isCompletedExceptionally();

		history.awaitMore(ReshardingAcrossReplicasIntegrationTests.OPERATIONS_BETWEEN_STEPS);
		workload.stop();
		List<CacheClient> survivors = clients.subList(1, clients.size());
		long finalEpoch = finished.get("epoch").asLong();
		for (CacheClient client : survivors) {
			await().atMost(Duration.ofSeconds(10)).until(() -> client.epoch() >= finalEpoch);
		}
		workload.readEverything(survivors);
		logger.info("Sent {} operations between the kill and the end", history.sentBetween(killed, history.now()));
		HistoryCheck.assertNoAnomalies(history, ReshardingAcrossReplicasIntegrationTests.TTL_SLACK);
	}

}
