package dev.ddspatterns.testsupport.redis;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class RedisServersIntegrationTests {

	@RegisterExtension
	static final RedisServers redis = RedisServers.shards(2).withReplicas(1);

	private static final RedisClient client = RedisClient.create();

	@AfterEach
	void everyServerRunsAgain() {
		for (RedisNode node : redis.nodes()) {
			if (!node.isRunning()) {
				node.restart();
			}
		}
	}

	@AfterAll
	static void closeClient() {
		client.shutdown();
	}

	@Test
	void everyServerAnswersOnItsOwnPort() {
		assertThat(redis.nodes()).hasSize(4);
		assertThat(redis.nodes()).extracting(RedisNode::port).doesNotHaveDuplicates();
		for (RedisNode node : redis.nodes()) {
			try (StatefulRedisConnection<String, String> connection = connect(node)) {
				assertThat(connection.sync().ping()).isEqualTo("PONG");
			}
		}
	}

	@Test
	void replicaFollowsItsPrimary() {
		RedisShard shard = redis.shard(1);
		try (StatefulRedisConnection<String, String> primary = connect(shard.primary());
				StatefulRedisConnection<String, String> replica = connect(shard.replica(0))) {
			// Not the primary's port: the replica dials the host's port in process mode
			// but 6379 inside the container network. The copy below is what counts.
			assertThat(replica.sync().info("replication")).contains("role:slave");
			primary.sync().set("colour", "teal");
			await().atMost(Duration.ofSeconds(5)).until(() -> "teal".equals(replica.sync().get("colour")));
		}
	}

	@Test
	void killedServerRefusesConnectionsAndRestartsEmptyOnTheSamePort() {
		RedisNode node = redis.shard(0).primary();
		try (StatefulRedisConnection<String, String> connection = connect(node)) {
			connection.sync().set("before", "kill");
		}
		node.kill();
		assertThat(node.isRunning()).isFalse();
		assertThatExceptionOfType(RedisConnectionException.class).isThrownBy(() -> connect(node));

		node.restart();
		try (StatefulRedisConnection<String, String> connection = connect(node)) {
			assertThat(connection.sync().ping()).isEqualTo("PONG");
			assertThat(connection.sync().get("before")).isNull();
		}
	}

	@Test
	void stoppedServerRefusesConnections() {
		RedisNode node = redis.shard(1).replica(0);
		node.stop();
		assertThat(node.isRunning()).isFalse();
		assertThatExceptionOfType(RedisConnectionException.class).isThrownBy(() -> connect(node));
	}

	@Test
	void pausedServerTimesOutAndAnswersAgainAfterResume() {
		RedisNode node = redis.shard(1).primary();
		try (StatefulRedisConnection<String, String> connection = connect(node)) {
			connection.setTimeout(Duration.ofMillis(300));
			node.pause();
			try {
				assertThat(node.isRunning()).isTrue();
				assertThatExceptionOfType(RedisCommandTimeoutException.class)
					.isThrownBy(() -> connection.sync().ping());
			}
			finally {
				node.resume();
			}
			connection.setTimeout(Duration.ofSeconds(5));
			assertThat(connection.sync().ping()).isEqualTo("PONG");
		}
	}

	private static StatefulRedisConnection<String, String> connect(RedisNode node) {
		RedisURI uri = RedisURI.create(node.uri());
		uri.setTimeout(Duration.ofSeconds(2));
		return client.connect(uri);
	}

}
