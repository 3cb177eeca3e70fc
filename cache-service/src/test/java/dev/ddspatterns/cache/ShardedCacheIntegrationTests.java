package dev.ddspatterns.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.ddspatterns.testsupport.redis.RedisServers;
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

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { RedisShardsForTests.UNHURRIED, "suite.cache.max-value-size=1KB",
				"suite.cache.hot-keys.threshold=20", "suite.cache.hot-keys.near-cache-ttl=30s",
				"suite.cache.key-selection=hash-tag" })
class ShardedCacheIntegrationTests {

	@RegisterExtension
	static final RedisServers redis = RedisServers.shards(3).withReplicas(1);

	@DynamicPropertySource
	static void shards(DynamicPropertyRegistry registry) {
		RedisShardsForTests.register(registry, redis, 3);
	}

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void client() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void valuesRoundTripWithTheirContentTypeAndTtl() {
		this.http.put()
			.uri("/v1/cache/greeting?ttl=120")
			.contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
			.body("hello, shards")
			.exchange()
			.expectStatus()
			.isNoContent();

		this.http.get()
			.uri("/v1/cache/greeting")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/plain;charset=UTF-8")
			.expectHeader()
			.value("X-Cache-TTL", (ttl) -> assertThat(Long.parseLong(ttl)).isBetween(100L, 120L))
			.expectBody(String.class)
			.isEqualTo("hello, shards");

		String shard = locate("greeting");
		long ttlOnServer = RedisShardsForTests.onServer(redis.shard(shardIndex(shard)).primary(),
				(r) -> r.pttl("cache:greeting"));
		assertThat(ttlOnServer).isBetween(100_000L, 120_000L);
	}

	@Test
	void aFormEncodedBodyIsStoredAsSentNotParsedAway() {
		// What curl --data-binary sends by default: the body must not be read as form
		// parameters and lost.
		this.http.put()
			.uri("/v1/cache/form")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("a=1&b=2")
			.exchange()
			.expectStatus()
			.isNoContent();

		this.http.get()
			.uri("/v1/cache/form")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)
			.expectBody(String.class)
			.isEqualTo("a=1&b=2");
	}

	@Test
	void keysAreSpreadOverEveryShardAsTheRingSays() {
		long[] before = IntStream.range(0, 3).mapToLong((i) -> RedisShardsForTests.keysOn(redis.shard(i))).toArray();
		int count = 3000;
		for (int i = 0; i < count; i++) {
			this.http.put().uri("/v1/cache/spread-" + i).body("v" + i).exchange().expectStatus().isNoContent();
		}
		List<Long> added = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			added.add(RedisShardsForTests.keysOn(redis.shard(i)) - before[i]);
		}
		assertThat(added.stream().mapToLong(Long::longValue).sum()).isEqualTo(count);
		double mean = count / 3.0;
		// The balance bound of the sharding module (proved there over a million keys).
		// These
		// 3,000 keys are fixed, so the counts read from Redis are the same on every run.
		assertThat(added.stream().mapToLong(Long::longValue).max().orElseThrow() / mean).isLessThanOrEqualTo(1.05);

		for (int i = 0; i < count; i += 97) {
			String key = "spread-" + i;
			int owner = shardIndex(locate(key));
			long stored = RedisShardsForTests.onServer(redis.shard(owner).primary(), (r) -> r.exists("cache:" + key));
			assertThat(stored).as("%s is on shard-%d", key, owner).isEqualTo(1L);
		}
	}

	@Test
	void keysWithTheSameHashTagShareAShard() {
		assertThat(locate("{user42}:cart")).isEqualTo(locate("{user42}:profile")).isEqualTo(locate("user42"));
	}

	@Test
	void hotKeyIsDetectedAndThenServedFromTheNearCache() {
		this.http.put().uri("/v1/cache/headline").body("big news").exchange().expectStatus().isNoContent();
		for (int i = 0; i < 25; i++) {
			this.http.get().uri("/v1/cache/headline").exchange().expectStatus().isOk();
		}
		this.http.get()
			.uri("/v1/hotkeys")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].key")
			.isEqualTo("headline");

		var owner = redis.shard(shardIndex(locate("headline"))).primary();
		long served = RedisShardsForTests.getCommandsServed(owner);
		for (int i = 0; i < 100; i++) {
			this.http.get()
				.uri("/v1/cache/headline")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Cache-Source", "near-cache");
		}
		assertThat(RedisShardsForTests.getCommandsServed(owner)).isEqualTo(served);
	}

	@Test
	void badRequestsGetProblemDetailsAndStoreNothing() {
		expectProblem(this.http.put().uri("/v1/cache/" + "k".repeat(300)).body("v").exchange(), HttpStatus.BAD_REQUEST,
				"invalid-request");
		expectProblem(this.http.put().uri("/v1/cache/has space").body("v").exchange(), HttpStatus.BAD_REQUEST,
				"invalid-request");
		expectProblem(this.http.put().uri("/v1/cache/too-big").body("x".repeat(2048)).exchange(),
				HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
		expectProblem(this.http.put().uri("/v1/cache/negative?ttl=-5").body("v").exchange(), HttpStatus.BAD_REQUEST,
				"invalid-request");
		expectProblem(this.http.put().uri("/v1/cache/forever?ttl=999999999").body("v").exchange(),
				HttpStatus.BAD_REQUEST, "invalid-request");
		expectProblem(this.http.put().uri("/v1/cache/words?ttl=soon").body("v").exchange(), HttpStatus.BAD_REQUEST,
				"invalid-request");
		expectProblem(this.http.get().uri("/v1/cache/never-stored").exchange(), HttpStatus.NOT_FOUND, "not-found");
		expectProblem(this.http.delete().uri("/v1/cache/never-stored").exchange(), HttpStatus.NOT_FOUND, "not-found");
		for (String key : List.of("too-big", "negative", "forever", "words")) {
			this.http.get().uri("/v1/cache/" + key).exchange().expectStatus().isNotFound();
		}
	}

	private void expectProblem(RestTestClient.ResponseSpec response, HttpStatus status, String type) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.value(String.class, (t) -> assertThat(t).endsWith(type))
			.jsonPath("$.status")
			.isEqualTo(status.value())
			.jsonPath("$.trace")
			.doesNotExist();
	}

	private String locate(String key) {
		return this.http.get()
			.uri("/v1/shards/locate/{key}", key)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(ShardLocation.class)
			.getResponseBody()
			.shard();
	}

	private static int shardIndex(String shard) {
		return Integer.parseInt(shard.substring("shard-".length()));
	}

	record ShardLocation(String key, String shardKey, String shard) {
	}

}
