package dev.ddspatterns.cache;

import java.time.Duration;
import java.util.function.Function;

import dev.ddspatterns.testsupport.redis.RedisNode;
import dev.ddspatterns.testsupport.redis.RedisServers;
import dev.ddspatterns.testsupport.redis.RedisShard;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Hands test-support's Redis servers to cache-service as {@code suite.cache.shards}, and
 * reads the servers directly, around the service, so tests check what Redis really holds.
 */
final class RedisShardsForTests {

	/**
	 * The command timeout of tests that are not about timeouts: two seconds, so that a
	 * busy machine is not mistaken for a failed shard (the shipped default, 250 ms, is
	 * for servers that answer in a millisecond).
	 */
	static final String UNHURRIED = "suite.cache.command-timeout=2s";

	private static final RedisClient client = RedisClient.create();

	private RedisShardsForTests() {
	}

	/**
	 * Configures the first {@code count} shards of {@code redis} as {@code shard-0} ...
	 * @param registry the test's property registry
	 * @param redis the servers
	 * @param count how many shards the service starts with
	 */
	static void register(DynamicPropertyRegistry registry, RedisServers redis, int count) {
		for (int i = 0; i < count; i++) {
			int index = i;
			String prefix = "suite.cache.shards[" + i + "].";
			registry.add(prefix + "name", () -> "shard-" + index);
			registry.add(prefix + "primary", () -> redis.shard(index).primary().uri());
			registry.add(prefix + "replicas",
					() -> String.join(",", redis.shard(index).replicas().stream().map(RedisNode::uri).toList()));
		}
	}

	/**
	 * Runs commands directly on one Redis server.
	 * @param <T> the result type
	 * @param node the server
	 * @param commands what to run
	 * @return the result
	 */
	static <T> T onServer(RedisNode node, Function<RedisCommands<String, String>, T> commands) {
		RedisURI uri = RedisURI.create(node.uri());
		uri.setTimeout(Duration.ofSeconds(5));
		try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
			return commands.apply(connection.sync());
		}
	}

	/**
	 * @param shard a shard
	 * @return how many cached values its primary holds, not counting the keys the
	 * sharding protocol keeps beside them (the fence, moved-markers, the shared map)
	 */
	static long keysOn(RedisShard shard) {
		return onServer(shard.primary(),
				(redis) -> ScanIterator.scan(redis, ScanArgs.Builder.matches("cache:*").limit(1000)).stream().count());
	}

	/**
	 * @param node a server
	 * @return how many GET commands it has executed since it started
	 */
	static long getCommandsServed(RedisNode node) {
		String stats = onServer(node, (redis) -> redis.info("commandstats"));
		for (String line : stats.split("\r?\n")) {
			if (line.startsWith("cmdstat_get:")) {
				String calls = line.substring(line.indexOf("calls=") + 6);
				return Long.parseLong(calls.substring(0, calls.indexOf(',')));
			}
		}
		return 0;
	}

}
