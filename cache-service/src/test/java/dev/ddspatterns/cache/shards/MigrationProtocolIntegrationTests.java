package dev.ddspatterns.cache.shards;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.StoredValue;
import dev.ddspatterns.cache.shards.RedisShard.Lookup;
import dev.ddspatterns.cache.shards.ReshardingRefused.Reason;
import dev.ddspatterns.testsupport.redis.RedisServers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The steps of the migration protocol, one at a time, against real Redis servers: the
 * fence, the moved-markers that let a client's write or delete win over the migration's
 * copy, and the copy that keeps a value's time to live. Two shards, {@code a} and
 * {@code b}; keys move from {@code a} to {@code b}.
 */
class MigrationProtocolIntegrationTests {

	private static final long MIGRATION = 2;

	@RegisterExtension
	static final RedisServers redis = RedisServers.shards(2);

	static ClientResources resources;

	static ShardConnections connections;

	static CacheProperties properties;

	@BeforeAll
	static void connect() {
		properties = new Binder(new MapConfigurationPropertySource(Map.of("suite.cache.shards[0].name", "a",
				"suite.cache.shards[0].primary", redis.shard(0).primary().uri(), "suite.cache.shards[1].name", "b",
				"suite.cache.shards[1].primary", redis.shard(1).primary().uri(), "suite.cache.command-timeout", "2s")))
			.bind("suite.cache", CacheProperties.class)
			.get();
		resources = ClientResources.create();
		connections = new ShardConnections(
				new RedisShardFactory(properties, resources, CircuitBreakerRegistry.ofDefaults()), Duration.ZERO);
	}

	@AfterAll
	static void disconnect() {
		connections.close();
		resources.shutdown();
	}

	@AfterEach
	void empty() {
		for (int i = 0; i < 2; i++) {
			RedisClient client = RedisClient.create(redis.shard(i).primary().uri());
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				connection.sync().flushall();
			}
			finally {
				client.shutdown();
			}
		}
	}

	@Test
	void aShardRefusesRequestsRoutedByAnOlderMapOnceFenced() {
		RedisShard a = shard(0);
		a.put("k", bytes("v1"), 60_000, 1, 0);
		assertThat(a.fence(2)).isEqualTo(2);
		assertThat(a.fence(1)).as("a fence never goes down").isEqualTo(2);

		assertThatThrownBy(() -> a.put("k", bytes("v2"), 60_000, 1, 0))
			.isInstanceOfSatisfying(StaleEpochException.class, (stale) -> assertThat(stale.fence()).isEqualTo(2));
		assertThatThrownBy(() -> a.lookup("k", 1, 0)).isInstanceOf(StaleEpochException.class);
		assertThatThrownBy(() -> a.delete("k", 1, 0)).isInstanceOf(StaleEpochException.class);
		assertThat(text(a.lookup("k", 2, 0))).as("the refused write changed nothing").isEqualTo("v1");
	}

	@Test
	void aDeleteDuringAMoveWinsOverTheCopyOfTheOldValue() {
		RedisShard a = shard(0);
		RedisShard b = shard(1);
		a.put("k", bytes("v1"), 60_000, 2, 0);
		Lookup taken = a.lookupOnPrimary("k", 2);

		RedisShard.Deletion deletion = b.delete("k", 2, MIGRATION);
		assertThat(deletion).as("nothing was on the new owner yet").isEqualTo(new RedisShard.Deletion(false, false));
		assertThat(a.delete("k", 2, 0).removed()).isTrue();

		assertThat(b.copy("k", taken.value(), taken.pttl(), 2, MIGRATION)).as("the copy comes too late").isFalse();
		assertThat(b.lookup("k", 2, MIGRATION).state()).isEqualTo(Lookup.State.MARKED);
		assertThat(b.delete("k", 2, MIGRATION)).as("a second delete finds the key gone")
			.isEqualTo(new RedisShard.Deletion(false, true));
	}

	@Test
	void aWriteDuringAMoveWinsOverTheCopyEvenAfterItExpires() {
		RedisShard a = shard(0);
		RedisShard b = shard(1);
		a.put("k", bytes("old"), 60_000, 2, 0);
		Lookup taken = a.lookupOnPrimary("k", 2);

		b.put("k", bytes("new"), 50, 2, MIGRATION);
		assertThat(text(b.lookup("k", 2, MIGRATION))).isEqualTo("new");
		await().atMost(Duration.ofSeconds(5))
			.alias("expired, and the marker keeps the old value out")
			.until(() -> b.lookup("k", 2, MIGRATION).state() == Lookup.State.MARKED);
		assertThat(b.copy("k", taken.value(), taken.pttl(), 2, MIGRATION)).isFalse();
		assertThat(b.lookup("k", 2, 0).state()).as("a marker of another migration means nothing")
			.isEqualTo(Lookup.State.ABSENT);
	}

	@Test
	void movingKeysKeepsTheirTimeToLiveAndRunningItAgainMovesNothing() {
		ShardMap stable = ShardMap.configured(List.of(properties.shards().get(0))).asFirst();
		ShardMap adding = stable.adding(properties.shards().get(1), "test");
		Topology topology = Topology.of(adding, connections, null);
		RedisShard a = shard(0);
		for (int i = 0; i < 200; i++) {
			a.put("key-" + i, bytes("value-" + i), (i % 2 == 0) ? 60_000 : 3_600_000, 1, 0);
		}
		a.fence(adding.epoch());
		shard(1).fence(adding.epoch());

		KeyMover mover = new KeyMover((key) -> key);
		KeyMover.Moved moved = mover.move(topology, () -> true);

		assertThat(moved.scanned()).isEqualTo(200);
		assertThat(moved.moved()).isBetween(50L, 150L);
		assertThat(a.keys()).hasSize(200 - (int) moved.moved());
		for (String key : shard(1).keys()) {
			int i = Integer.parseInt(key.substring("key-".length()));
			Lookup copied = shard(1).lookup(key, adding.epoch(), 0);
			assertThat(text(copied)).isEqualTo("value-" + i);
			long ttl = (i % 2 == 0) ? 60_000 : 3_600_000;
			assertThat(copied.pttl()).as("%s keeps its time to live", key).isBetween(ttl - 30_000, ttl);
		}
		assertThat(mover.move(topology, () -> true).moved()).isZero();
	}

	@Test
	void aDriverWhoseMigrationWasTakenOverIsRefusedAndDeletesNothing() {
		ShardMap adding = ShardMap.configured(List.of(properties.shards().get(0)))
			.asFirst()
			.adding(properties.shards().get(1), "old-driver");
		Topology topology = Topology.of(adding, connections, null);
		RedisShard a = shard(0);
		for (int i = 0; i < 50; i++) {
			a.put("key-" + i, bytes("value-" + i), 60_000, 1, 0);
		}
		ShardMap takenOver = adding.takenOverBy("new-driver");
		a.fence(takenOver.epoch());
		shard(1).fence(takenOver.epoch());

		assertThatThrownBy(() -> new KeyMover((key) -> key).move(topology, () -> true)).isInstanceOfSatisfying(
				ReshardingRefused.class, (refused) -> assertThat(refused.reason()).isEqualTo(Reason.TAKEN_OVER));
		assertThat(a.keys()).hasSize(50);
		assertThat(shard(1).keys()).isEmpty();
	}

	/**
	 * A delete during a move that a takeover interrupts half-way: the router's map goes
	 * stale between the new owner and the previous one, and the router runs the delete
	 * again under the taken-over map. The retry must still report the value it removed,
	 * as a client that sees 404 for a key it never deleted has lost a write.
	 */
	@Test
	void aDeleteRetriedUnderATakenOverMapStillReportsTheValueItRemoved() {
		ShardMap adding = ShardMap.configured(List.of(properties.shards().get(0)))
			.asFirst()
			.adding(properties.shards().get(1), "old-driver");
		ShardMapStore store = new ShardMapStore(URI.create(redis.shard(0).primary().uri()), properties.commandTimeout(),
				resources);
		MapFollower follower = new MapFollower(adding, store, connections);
		ShardRouter router = new ShardRouter(properties, follower);
		String key = IntStream.range(0, 100)
			.mapToObj((i) -> "key-" + i)
			.filter((candidate) -> follower.topology().route(candidate).moving())
			.findFirst()
			.orElseThrow();
		RedisShard a = shard(0);
		a.put(key, new StoredValue("text/plain", bytes("preloaded")).encode(), 60_000, adding.epoch(), 0);
		shard(1).fence(adding.epoch());

		// Another replica takes the migration over: it fences the old owner first and
		// publishes its map; the new owner has not been fenced yet.
		ShardMap takenOver = adding.takenOverBy("new-driver");
		a.fence(takenOver.epoch());
		assertThat(store.publish(0, takenOver)).isTrue();

		assertThat(router.delete(key)).as("the preloaded value was there, and this delete removed it").isTrue();
		assertThat(follower.topology().epoch()).as("the router caught up with the takeover")
			.isEqualTo(takenOver.epoch());
		assertThat(router.read(key)).isEmpty();
		assertThat(router.delete(key)).as("a second delete finds nothing").isFalse();
		store.close();
	}

	private static RedisShard shard(int index) {
		return connections.get(properties.shards().get(index));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Lookup lookup) {
		assertThat(lookup.state()).isEqualTo(Lookup.State.VALUE);
		return new String(lookup.value(), StandardCharsets.UTF_8);
	}

}
