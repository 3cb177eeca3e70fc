package dev.ddspatterns.testsupport.faults;

import java.time.Duration;

import dev.ddspatterns.testsupport.redis.RedisServers;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class FaultProxyIntegrationTests {

	@RegisterExtension
	@Order(1)
	static final RedisServers redis = RedisServers.shards(2);

	@RegisterExtension
	@Order(2)
	static final FaultProxy proxy = FaultProxy.to(() -> redis.server().address());

	private static final RedisClient client = RedisClient.create();

	@AfterAll
	static void closeClient() {
		client.shutdown();
	}

	@Test
	void trafficPassesThroughToTheServer() {
		try (StatefulRedisConnection<String, String> connection = connectThroughProxy()) {
			connection.sync().set("through", "proxy");
		}
		assertThat(proxy.connectionsAccepted()).isPositive();
		try (StatefulRedisConnection<String, String> direct = client.connect(RedisURI.create(redis.server().uri()))) {
			assertThat(direct.sync().get("through")).isEqualTo("proxy");
		}
	}

	@Test
	void frozenProxyHoldsTrafficUntilReleased() {
		try (StatefulRedisConnection<String, String> connection = connectThroughProxy()) {
			connection.setTimeout(Duration.ofMillis(300));
			proxy.freeze();
			try {
				assertThatExceptionOfType(RedisCommandTimeoutException.class)
					.isThrownBy(() -> connection.sync().ping());
			}
			finally {
				proxy.unfreeze();
			}
			connection.setTimeout(Duration.ofSeconds(5));
			assertThat(connection.sync().ping()).isEqualTo("PONG");
		}
	}

	@Test
	void closedConnectionsAreSeenByTheClient() {
		client.setOptions(ClientOptions.builder().autoReconnect(false).build());
		try (StatefulRedisConnection<String, String> connection = connectThroughProxy()) {
			assertThat(connection.sync().ping()).isEqualTo("PONG");
			proxy.closeConnections();
			await().atMost(Duration.ofSeconds(5)).until(() -> !connection.isOpen());
		}
		finally {
			client.setOptions(ClientOptions.create());
		}
	}

	@Test
	void aRetargetedProxyLeadsNewConnectionsToTheNewServerOnTheSamePort() {
		int port = proxy.port();
		try (StatefulRedisConnection<String, String> other = client
			.connect(RedisURI.create(redis.shard(1).primary().uri()))) {
			other.sync().set("server", "the other");
		}
		try {
			proxy.retarget(redis.shard(1).primary().address());

			assertThat(proxy.port()).isEqualTo(port);
			try (StatefulRedisConnection<String, String> connection = connectThroughProxy()) {
				assertThat(connection.sync().get("server")).isEqualTo("the other");
			}
		}
		finally {
			proxy.retarget(redis.server().address());
		}
		try (StatefulRedisConnection<String, String> connection = connectThroughProxy()) {
			assertThat(connection.sync().get("server")).isNull();
		}
	}

	private static StatefulRedisConnection<String, String> connectThroughProxy() {
		return client.connect(RedisURI.create(proxy.host(), proxy.port()));
	}

}
