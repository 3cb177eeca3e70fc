package dev.ddspatterns.testsupport.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.ddspatterns.testsupport.ContainerEngine;
import dev.ddspatterns.testsupport.InfrastructureMode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.Network;

/**
 * Real Redis servers for a test class: {@code N} shards, each a primary with optional
 * replicas. Register it on a static field and hand its addresses to Spring with
 * {@code @DynamicPropertySource}:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final RedisServers redis = RedisServers.shards(3).withReplicas(1);
 *
 * &#64;DynamicPropertySource
 * static void redis(DynamicPropertyRegistry registry) {
 *     registry.add("spring.data.redis.url", () -&gt; redis.shard(0).primary().uri());
 * }
 * </pre>
 *
 * Every server can be stopped, killed, paused, resumed and restarted through its
 * {@link RedisNode}.
 */
public final class RedisServers implements BeforeAllCallback, AfterAllCallback {

	private final int shardCount;

	private final int replicasPerShard;

	private final List<RedisShard> shards = new ArrayList<>();

	private Runnable shutdown = () -> {
	};

	private RedisServers(int shardCount, int replicasPerShard) {
		if (shardCount < 1 || replicasPerShard < 0) {
			throw new IllegalArgumentException("Need at least one shard and no negative replica count");
		}
		this.shardCount = shardCount;
		this.replicasPerShard = replicasPerShard;
	}

	/**
	 * @return one standalone Redis server
	 */
	public static RedisServers single() {
		return new RedisServers(1, 0);
	}

	/**
	 * @param count how many primaries
	 * @return {@code count} independent primaries, without replicas until
	 * {@link #withReplicas(int)}
	 */
	public static RedisServers shards(int count) {
		return new RedisServers(count, 0);
	}

	/**
	 * @param count replicas per primary
	 * @return servers where every primary has {@code count} replicas
	 */
	public RedisServers withReplicas(int count) {
		return new RedisServers(this.shardCount, count);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start(InfrastructureMode.of(context));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/**
	 * Starts the servers in the given mode; {@link #beforeAll} does this for tests.
	 * @param mode processes or containers
	 */
	public synchronized void start(InfrastructureMode mode) {
		if (!this.shards.isEmpty()) {
			return;
		}
		try {
			if (mode == InfrastructureMode.CONTAINERS) {
				startContainers();
			}
			else {
				startProcesses();
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private void startProcesses() {
		List<RedisProcess> started = new ArrayList<>();
		this.shutdown = () -> started.forEach(RedisProcess::kill);
		for (int s = 0; s < this.shardCount; s++) {
			RedisProcess primary = RedisProcess.startPrimary(nodeName(s, -1));
			started.add(primary);
			List<RedisNode> replicas = new ArrayList<>();
			for (int r = 0; r < this.replicasPerShard; r++) {
				RedisProcess replica = RedisProcess.startReplica(nodeName(s, r), primary);
				started.add(replica);
				replicas.add(replica);
			}
			this.shards.add(new RedisShard(primary, replicas));
		}
	}

	private void startContainers() {
		ContainerEngine.require();
		Network network = Network.newNetwork();
		List<RedisContainerNode> started = new ArrayList<>();
		this.shutdown = () -> {
			started.forEach(RedisContainerNode::remove);
			network.close();
		};
		for (int s = 0; s < this.shardCount; s++) {
			RedisContainerNode primary = new RedisContainerNode(nodeName(s, -1), network, null);
			started.add(primary);
			primary.start();
			List<RedisNode> replicas = new ArrayList<>();
			for (int r = 0; r < this.replicasPerShard; r++) {
				RedisContainerNode replica = new RedisContainerNode(nodeName(s, r), network, primary);
				started.add(replica);
				replica.start();
				replicas.add(replica);
			}
			this.shards.add(new RedisShard(primary, replicas));
		}
	}

	private static String nodeName(int shard, int replica) {
		return "shard-" + shard + ((replica < 0) ? "-primary" : "-replica-" + replica);
	}

	/** Stops every server this extension started. */
	public synchronized void close() {
		this.shutdown.run();
		this.shutdown = () -> {
		};
		this.shards.clear();
	}

	/**
	 * @return the shards in order
	 */
	public synchronized List<RedisShard> shards() {
		requireStarted();
		return List.copyOf(this.shards);
	}

	/**
	 * @param index which shard
	 * @return the shard
	 */
	public synchronized RedisShard shard(int index) {
		requireStarted();
		return this.shards.get(index);
	}

	/**
	 * @return the primary of the first shard, for tests that need one server
	 */
	public RedisNode server() {
		return shard(0).primary();
	}

	/**
	 * @return every server, primaries and replicas
	 */
	public List<RedisNode> nodes() {
		return shards().stream()
			.flatMap((shard) -> Stream.concat(Stream.of(shard.primary()), shard.replicas().stream()))
			.toList();
	}

	private void requireStarted() {
		if (this.shards.isEmpty()) {
			throw new IllegalStateException(
					"Redis servers are not started: register RedisServers with @RegisterExtension on a static field");
		}
	}

}
