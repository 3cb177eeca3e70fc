package dev.ddspatterns.cache;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.testsupport.redis.RedisNode;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failure in one shard stays in that shard: reads fall back to a replica, writes fail
 * fast with 503, and the other shards keep serving.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "suite.cache.command-timeout=1s", "suite.cache.breaker.minimum-calls=3",
				"suite.cache.breaker.sliding-window-size=5", "suite.cache.breaker.wait-in-open-state=500ms" })
class ShardFailureIntegrationTests {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

	@RegisterExtension
	static final RedisServers redis = RedisServers.shards(3).withReplicas(1);

	@DynamicPropertySource
	static void shards(DynamicPropertyRegistry registry) {
		RedisShardsForTests.register(registry, redis, 3);
	}

	@LocalServerPort
	int port;

	RestTestClient http;

	/** One key owned by each shard, keyed by the shard's index. */
	final Map<Integer, String> keyOnShard = new HashMap<>();

	@BeforeEach
	void oneKeyOnEachShard() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		for (int i = 0; this.keyOnShard.size() < 3; i++) {
			String key = "k" + i;
			String shard = this.http.get()
				.uri("/v1/shards/locate/{key}", key)
				.exchange()
				.returnResult(ShardedCacheIntegrationTests.ShardLocation.class)
				.getResponseBody()
				.shard();
			this.keyOnShard.putIfAbsent(Integer.parseInt(shard.substring("shard-".length())), key);
		}
		this.keyOnShard.values().forEach((key) -> put(key).expectStatus().isNoContent());
		String replicated = this.keyOnShard.get(0);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> RedisShardsForTests.onServer(redis.shard(0).replica(0),
					(r) -> r.exists("cache:" + replicated)) == 1);
	}

	@AfterEach
	void everyServerRunsAgain() {
		for (RedisNode node : redis.nodes()) {
			if (!node.isRunning()) {
				node.restart();
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> this.keyOnShard.values().forEach((key) -> put(key).expectStatus().isNoContent()));
	}

	@Test
	void killedPrimaryKeysAreReadFromTheReplicaAndWritesFailFast() {
		redis.shard(0).primary().kill();
		String keyOnDeadShard = this.keyOnShard.get(0);

		this.http.get()
			.uri("/v1/cache/{key}", keyOnDeadShard)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Cache-Source", "replica-0")
			.expectBody(String.class)
			.isEqualTo("value of " + keyOnDeadShard);

		put(keyOnDeadShard).expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.value(String.class, (type) -> assertThat(type).endsWith("unavailable"))
			.jsonPath("$.shard")
			.isEqualTo("shard-0");

		for (int shard : List.of(1, 2)) {
			String key = this.keyOnShard.get(shard);
			put(key).expectStatus().isNoContent();
			this.http.get().uri("/v1/cache/{key}", key).exchange().expectStatus().isOk();
		}
	}

	@Test
	void pausedShardFailsWithinTheTimeoutWhileTheOthersStayFastAndRecoversOnResume() {
		RedisNode primary = redis.shard(1).primary();
		RedisNode replica = redis.shard(1).replica(0);
		primary.pause();
		replica.pause();
		try {
			String keyOnPausedShard = this.keyOnShard.get(1);
			for (int i = 0; i < 5; i++) {
				long started = System.nanoTime();
				this.http.get()
					.uri("/v1/cache/{key}", keyOnPausedShard)
					.exchange()
					.expectStatus()
					.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				// Two servers tried, each bounded by the command timeout.
				assertThat(Duration.ofNanos(System.nanoTime() - started))
					.isLessThan(COMMAND_TIMEOUT.multipliedBy(2).plusSeconds(1));
			}
			// The other shards answer from their primaries: a request that had waited out
			// a
			// command timeout would have been read from a replica, or failed.
			for (int shard : List.of(0, 2)) {
				for (int i = 0; i < 10; i++) {
					this.http.get()
						.uri("/v1/cache/{key}", this.keyOnShard.get(shard))
						.exchange()
						.expectStatus()
						.isOk()
						.expectHeader()
						.valueEquals("X-Cache-Source", "primary");
				}
			}
			this.http.get()
				.uri("/v1/shards")
				.exchange()
				.expectBody()
				.jsonPath("$.shards[1].nodes[0].breaker")
				.isEqualTo("OPEN");
		}
		finally {
			primary.resume();
			replica.resume();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> this.http.get()
				.uri("/v1/cache/{key}", this.keyOnShard.get(1))
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Cache-Source", "primary"));
		this.http.get()
			.uri("/v1/shards")
			.exchange()
			.expectBody()
			.jsonPath("$.shards[1].nodes[0].breaker")
			.isEqualTo("CLOSED");
	}

	@Test
	void shardChangesAreRefusedWhileTheMapsServerIsDownAndKeysStillRouteByTheMapInHand() {
		// The shard map lives on shard-0's primary (suite.cache.shard-map.uri is not
		// set).
		redis.shard(0).primary().kill();

		this.http.delete()
			.uri("/v1/shards/shard-2")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("map-unavailable");
		for (int shard : List.of(1, 2)) {
			String key = this.keyOnShard.get(shard);
			put(key).expectStatus().isNoContent();
			this.http.get().uri("/v1/cache/{key}", key).exchange().expectStatus().isOk();
		}
		this.http.get().uri("/readyz").exchange().expectStatus().isOk();
	}

	@Test
	void aMapServerRestartedEmptyGetsTheNewestMapBackFromTheReplicas() {
		RedisNode mapServer = redis.shard(0).primary();
		java.util.Map<String, String> older = RedisShardsForTests.onServer(mapServer, (r) -> r.hgetall("cache-map"));
		long removed = this.http.delete()
			.uri("/v1/shards/shard-2")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Epoch.class)
			.getResponseBody()
			.epoch();
		mapServer.kill();
		mapServer.restart();
		// A replica that knew only the older map stores it first.
		RedisShardsForTests.onServer(mapServer, (r) -> r.hset("cache-map", older));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> RedisShardsForTests.onServer(mapServer, (r) -> r.hget("cache-map", "epoch")),
					(epoch) -> String.valueOf(removed).equals(epoch));
		this.http.post()
			.uri("/v1/shards")
			.contentType(MediaType.APPLICATION_JSON)
			.body(java.util.Map.of("name", "shard-2", "primary", redis.shard(2).primary().uri()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.epoch")
			.isEqualTo((int) removed + 2);
	}

	record Epoch(long epoch) {
	}

	@Test
	void instanceStaysReadyUntilNoShardAnswers() {
		this.http.get().uri("/readyz").exchange().expectStatus().isOk();
		redis.shard(0).primary().kill();
		redis.shard(0).replica(0).kill();
		this.http.get().uri("/readyz").exchange().expectStatus().isOk();
		redis.nodes().forEach(RedisNode::kill);
		this.http.get()
			.uri("/readyz")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DOWN");
	}

	private RestTestClient.ResponseSpec put(String key) {
		return this.http.put().uri("/v1/cache/{key}", key).body("value of " + key).exchange();
	}

}
