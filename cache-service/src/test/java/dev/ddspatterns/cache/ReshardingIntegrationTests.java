package dev.ddspatterns.cache;

import java.util.HashMap;
import java.util.Map;

import dev.ddspatterns.testsupport.redis.RedisServers;
import io.lettuce.core.SetArgs;
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

/**
 * Live resharding: a fourth shard joins a running three-shard cache and leaves again.
 * With consistent hashing about a quarter of the keys move, all of them to the new shard;
 * with {@code hash % N} three quarters would.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = RedisShardsForTests.UNHURRIED)
class ReshardingIntegrationTests {

	private static final int KEYS = 2000;

	/** Four servers; the service starts with the first three. */
	@RegisterExtension
	static final RedisServers redis = RedisServers.shards(4);

	@DynamicPropertySource
	static void shards(DynamicPropertyRegistry registry) {
		RedisShardsForTests.register(registry, redis, 3);
	}

	@LocalServerPort
	int port;

	@Test
	void addingAFourthShardMovesAboutAQuarterOfTheKeysAllToTheNewShardAndLosesNone() {
		RestTestClient http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		Map<String, String> ownerBefore = new HashMap<>();
		for (int i = 0; i < KEYS; i++) {
			String key = "doc-" + i;
			http.put().uri("/v1/cache/{key}", key).body("body " + i).exchange().expectStatus().isNoContent();
			ownerBefore.put(key, locate(http, key));
		}

		http.post()
			.uri("/v1/shards")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "shard-3", "primary", redis.shard(3).primary().uri()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.keysScanned")
			.isEqualTo(KEYS)
			.jsonPath("$.movedFraction")
			.value(Double.class, (fraction) -> assertThat(fraction).isLessThanOrEqualTo(0.275));

		int moved = 0;
		for (int i = 0; i < KEYS; i++) {
			String key = "doc-" + i;
			String owner = locate(http, key);
			if (!owner.equals(ownerBefore.get(key))) {
				moved++;
				assertThat(owner).as("a moved key goes to the new shard").isEqualTo("shard-3");
			}
		}
		assertThat((double) moved / KEYS).isGreaterThan(0.15).isLessThanOrEqualTo(0.275);
		assertThat(RedisShardsForTests.keysOn(redis.shard(3))).isEqualTo(moved);
		long total = 0;
		for (int shard = 0; shard < 4; shard++) {
			total += RedisShardsForTests.keysOn(redis.shard(shard));
		}
		assertThat(total).as("every key is stored exactly once").isEqualTo(KEYS);
		for (int i = 0; i < KEYS; i += 7) {
			http.get().uri("/v1/cache/doc-" + i).exchange().expectBody(String.class).isEqualTo("body " + i);
		}

		http.delete()
			.uri("/v1/shards/shard-3")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.keysMoved")
			.isEqualTo(moved);
		assertThat(RedisShardsForTests.keysOn(redis.shard(3))).isZero();
		for (int i = 0; i < KEYS; i += 7) {
			String key = "doc-" + i;
			assertThat(locate(http, key)).isEqualTo(ownerBefore.get(key));
			http.get().uri("/v1/cache/{key}", key).exchange().expectBody(String.class).isEqualTo("body " + i);
		}
	}

	@Test
	void shardChangesThatCannotHappenAreRefused() {
		RestTestClient http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		expectRefusal(http.post()
			.uri("/v1/shards")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "shard-0", "primary", redis.shard(3).primary().uri()))
			.exchange(), HttpStatus.CONFLICT, "shard-exists");
		http.post()
			.uri("/v1/shards")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Bad Name!", "primary", redis.shard(3).primary().uri()))
			.exchange()
			.expectStatus()
			.isBadRequest();
		expectRefusal(http.delete().uri("/v1/shards/no-such-shard").exchange(), HttpStatus.NOT_FOUND, "no-such-shard");
	}

	@Test
	void addingAShardThatIsAlreadyAMemberMovesNothing() {
		RestTestClient http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		long epoch = epoch(http);
		http.post()
			.uri("/v1/shards")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "shard-1", "primary", redis.shard(1).primary().uri()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.keysMoved")
			.isEqualTo(0)
			.jsonPath("$.epoch")
			.isEqualTo(epoch);
		assertThat(epoch(http)).as("the map did not change").isEqualTo(epoch);
	}

	@Test
	void aChangeWhileAnotherReplicaIsChangingTheMapIsRefusedWithAConflict() {
		RestTestClient http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		// What another replica holds while it fences, publishes and moves keys.
		RedisShardsForTests.onServer(redis.shard(0).primary(),
				(redis) -> redis.set("cache-map:driver", "replica-elsewhere", SetArgs.Builder.px(60_000)));
		try {
			expectRefusal(http.post()
				.uri("/v1/shards")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("name", "shard-3", "primary", redis.shard(3).primary().uri()))
				.exchange(), HttpStatus.CONFLICT, "migration-running").jsonPath("$.detail")
				.value(String.class, (detail) -> assertThat(detail).contains("replica-elsewhere"));
			expectRefusal(http.delete().uri("/v1/shards/shard-2").exchange(), HttpStatus.CONFLICT, "migration-running");
		}
		finally {
			RedisShardsForTests.onServer(redis.shard(0).primary(), (redis) -> redis.del("cache-map:driver"));
		}
		assertThat(RedisShardsForTests.keysOn(redis.shard(3))).isZero();
	}

	private static RestTestClient.BodyContentSpec expectRefusal(RestTestClient.ResponseSpec response, HttpStatus status,
			String reason) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo(reason);
	}

	private static long epoch(RestTestClient http) {
		return http.get().uri("/v1/shards").exchange().returnResult(ShardListing.class).getResponseBody().epoch();
	}

	record ShardListing(long epoch) {
	}

	private static String locate(RestTestClient http, String key) {
		return http.get()
			.uri("/v1/shards/locate/{key}", key)
			.exchange()
			.returnResult(ShardedCacheIntegrationTests.ShardLocation.class)
			.getResponseBody()
			.shard();
	}

}
