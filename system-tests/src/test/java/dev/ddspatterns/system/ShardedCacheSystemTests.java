package dev.ddspatterns.system;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sharded, replicated cache in containers: cache-service over two Redis shards,
 * shard-0 with a replica. Keys spread over both shards; with shard-0's primary container
 * stopped its keys are still read from the replica, its writes are refused with a 503
 * problem, and shard-1 goes on as before.
 */
class ShardedCacheSystemTests {

	private static final SuiteHttp http = new SuiteHttp();

	private static Network network;

	private static GenericContainer<?> shard0;

	private static GenericContainer<?> shard0Replica;

	private static GenericContainer<?> shard1;

	private static GenericContainer<?> cache;

	@BeforeAll
	static void start() {
		network = SuiteContainers.network();
		shard0 = SuiteContainers.redis(network, "redis-shard-0");
		shard1 = SuiteContainers.redis(network, "redis-shard-1");
		Startables.deepStart(shard0, shard1).join();
		shard0Replica = SuiteContainers.redisReplica(network, "redis-shard-0-replica", "redis-shard-0");
		shard0Replica.start();
		cache = SuiteContainers.app(network, "cache-service", "cache-service", 8081)
			.withEnv("SUITE_CACHE_SHARDS_0_NAME", "shard-0")
			.withEnv("SUITE_CACHE_SHARDS_0_PRIMARY", "redis://redis-shard-0:6379")
			.withEnv("SUITE_CACHE_SHARDS_0_REPLICAS_0", "redis://redis-shard-0-replica:6379")
			.withEnv("SUITE_CACHE_SHARDS_1_NAME", "shard-1")
			.withEnv("SUITE_CACHE_SHARDS_1_PRIMARY", "redis://redis-shard-1:6379");
		cache.start();
	}

	@AfterAll
	static void stop() {
		SuiteContainers.stop(network, cache, shard0Replica, shard0, shard1);
	}

	@Test
	void keysAreSpreadOverTheShardsAndReadBack() {
		Set<String> shards = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> put = put("spread-" + i, "value " + i);
			assertThat(put.statusCode()).isEqualTo(204);
			shards.add(put.headers().firstValue("X-Cache-Shard").orElseThrow());
		}
		assertThat(shards).containsExactlyInAnyOrder("shard-0", "shard-1");
		for (int i = 0; i < 20; i++) {
			assertThat(get("spread-" + i).body()).isEqualTo("value " + i);
		}
	}

	@Test
	void withAPrimaryStoppedItsKeysAreReadFromTheReplicaAndItsWritesRefused() throws Exception {
		List<String> keys = IntStream.range(0, 40).mapToObj((i) -> "failover-" + i).toList();
		String onShard0 = null;
		String onShard1 = null;
		for (String key : keys) {
			String shard = put(key, "kept: " + key).headers().firstValue("X-Cache-Shard").orElseThrow();
			if (shard.equals("shard-0") && onShard0 == null) {
				onShard0 = key;
			}
			if (shard.equals("shard-1") && onShard1 == null) {
				onShard1 = key;
			}
		}
		assertThat(onShard0).isNotNull();
		assertThat(onShard1).isNotNull();
		// The replica has every write before its primary goes.
		assertThat(shard0.execInContainer("redis-cli", "wait", "1", "5000").getStdout().strip()).isEqualTo("1");

		SuiteContainers.stop(shard0);
		try {
			String key = onShard0;
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				HttpResponse<String> read = get(key);
				assertThat(read.statusCode()).isEqualTo(200);
				assertThat(read.headers().firstValue("X-Cache-Source"))
					.hasValueSatisfying((source) -> assertThat(source).startsWith("replica"));
				assertThat(read.body()).isEqualTo("kept: " + key);
			});
			HttpResponse<String> refused = put(onShard0, "not while the primary is down");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			// The other shard is not affected.
			assertThat(put(onShard1, "still writable").statusCode()).isEqualTo(204);
			assertThat(get(onShard1).body()).isEqualTo("still writable");
		}
		finally {
			SuiteContainers.restart(shard0);
		}
		String key = onShard0;
		// The restarted primary has a new address under its old name; cache-service finds
		// it.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(put(key, "back").statusCode()).isEqualTo(204));
	}

	private static HttpResponse<String> put(String key, String value) {
		return http.put(SuiteContainers.url(cache, 8081) + "/v1/cache/" + key, "text/plain", value);
	}

	private static HttpResponse<String> get(String key) {
		return http.get(SuiteContainers.url(cache, 8081) + "/v1/cache/" + key);
	}

}
