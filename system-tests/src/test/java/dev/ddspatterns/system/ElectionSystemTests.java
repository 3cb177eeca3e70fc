package dev.ddspatterns.system;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ownership election in containers: two election-demo replicas and their Redis. The
 * leader's container is killed (SIGKILL: it releases nothing), and the other replica
 * takes over once the lease has expired, with a larger fencing token.
 */
class ElectionSystemTests {

	private static final SuiteHttp http = new SuiteHttp();

	private static Network network;

	private static GenericContainer<?> redis;

	private static List<GenericContainer<?>> replicas;

	@BeforeAll
	static void start() {
		network = SuiteContainers.network();
		redis = SuiteContainers.redis(network, "redis-election");
		redis.start();
		replicas = List.of(replica("election-demo-1"), replica("election-demo-2"));
		Startables.deepStart(replicas).join();
	}

	private static GenericContainer<?> replica(String id) {
		return SuiteContainers.app(network, "election-demo", id, 8084)
			.withEnv("SPRING_DATA_REDIS_HOST", "redis-election")
			.withEnv("SPRING_DATA_REDIS_PORT", "6379")
			.withEnv("SUITE_INSTANCE_ID", id);
	}

	@AfterAll
	static void stop() {
		SuiteContainers.stop(network, redis, (replicas != null) ? replicas.get(0) : null,
				(replicas != null) ? replicas.get(1) : null);
	}

	@Test
	void whenTheLeadersContainerIsKilledTheOtherReplicaTakesOverWithALargerToken() {
		JsonNode before = await().atMost(Duration.ofSeconds(30))
			.until(() -> leaderAsSeenBy(replicas.get(0)), (view) -> !view.get("leader").isNull());
		String leader = before.get("leader").asString();
		long token = before.get("token").asLong();
		GenericContainer<?> leading = replicas.stream()
			.filter((replica) -> replica.getNetworkAliases().contains(leader))
			.findFirst()
			.orElseThrow();
		GenericContainer<?> other = replicas.stream().filter((replica) -> replica != leading).findFirst().orElseThrow();
		// Both replicas agree on the leader, and only the leader may act: once it has
		// taken in its own acquisition, within a renewal (1 s) on a busy machine too.
		await().atMost(Duration.ofSeconds(6))
			.untilAsserted(() -> assertThat(leaderAsSeenBy(leading).get("self").get("acting").asBoolean()).isTrue());
		assertThat(leaderAsSeenBy(other).get("leader").asString()).isEqualTo(leader);
		assertThat(leaderAsSeenBy(other).get("self").get("acting").asBoolean()).isFalse();

		SuiteContainers.kill(leading);

		// The lease (3 s) runs out; the survivor wins the next term.
		JsonNode after = await().atMost(Duration.ofSeconds(20))
			.until(() -> leaderAsSeenBy(other), (view) -> !view.get("leader").isNull()
					&& !view.get("leader").asString().equals(leader) && view.get("self").get("acting").asBoolean());
		assertThat(after.get("leader").asString()).isIn(other.getNetworkAliases());
		assertThat(after.get("token").asLong()).isGreaterThan(token);
	}

	private static JsonNode leaderAsSeenBy(GenericContainer<?> replica) {
		return http.getJson(SuiteContainers.url(replica, 8084) + "/v1/leader");
	}

}
