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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Near caches stay coherent across replicas: a hot key sits in replica B's near cache, a
 * write goes through replica A, and B is read over and over from the moment A
 * acknowledged the write until it answers the new value. The time B went on answering the
 * old one is the staleness the invalidation channel allows; it is logged, and must stay
 * far below the near cache's time to live, which is all that bounded it before.
 */
class NearCacheCoherenceIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(NearCacheCoherenceIntegrationTests.class);

	/** Long, so a replica that hears of no write would serve the old value that long. */
	private static final Duration NEAR_CACHE_TTL = Duration.ofSeconds(30);

	private static final int HOT_THRESHOLD = 5;

	private static final int TRIALS = 20;

	@RegisterExtension
	static final RedisServers redis = RedisServers.shards(2);

	static CacheReplicas replicas;

	@BeforeAll
	static void startReplicas() {
		List<String> settings = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			settings.add("suite.cache.shards[" + i + "].name=shard-" + i);
			settings.add("suite.cache.shards[" + i + "].primary=" + redis.shard(i).primary().uri());
		}
		settings.add(RedisShardsForTests.UNHURRIED);
		settings.add("suite.cache.hot-keys.threshold=" + HOT_THRESHOLD);
		settings.add("suite.cache.hot-keys.near-cache-ttl=" + NEAR_CACHE_TTL.toSeconds() + "s");
		replicas = CacheReplicas.start(2, Path.of("target", "replicas", "near-cache"), settings);
	}

	@AfterAll
	static void stopReplicas() {
		if (replicas != null) {
			replicas.close();
		}
	}

	@Test
	void aWriteThroughOneReplicaIsNotServedStaleByAnotherReplicasNearCache() {
		History unrecorded = new History();
		CacheClient writer = replicas.client(0, unrecorded);
		CacheClient reader = replicas.client(1, unrecorded);
		List<Long> staleMillis = new ArrayList<>();
		String current = "v0";
		assertThat(writer.write("headline", current).status()).isEqualTo(204);
		for (int trial = 1; trial <= TRIALS; trial++) {
			String before = current;
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				Answer answer = reader.read("headline");
				return before.equals(answer.body()) && "near-cache".equals(answer.source());
			});
			current = "v" + trial;
			assertThat(writer.write("headline", current).status()).isEqualTo(204);
			long acknowledged = System.nanoTime();
			long lastStale = acknowledged;
			long deadline = acknowledged + NEAR_CACHE_TTL.dividedBy(2).toNanos();
			while (System.nanoTime() < deadline) {
				long asked = System.nanoTime();
				Answer answer = reader.read("headline");
				if (current.equals(answer.body())) {
					break;
				}
				assertThat(answer.body()).isEqualTo(before);
				lastStale = asked;
			}
			assertThat(reader.read("headline").body())
				.as("replica B answers the new value within half the near cache's time to live")
				.isEqualTo(current);
			staleMillis.add(Duration.ofNanos(lastStale - acknowledged).toMillis());
		}
		List<Long> sorted = staleMillis.stream().sorted().toList();
		logger.info(
				"Replica B served the old value for {} ms after the write was acknowledged (median {} ms, "
						+ "max {} ms, over {} writes)",
				staleMillis, sorted.get(sorted.size() / 2), sorted.getLast(), TRIALS);
	}

}
