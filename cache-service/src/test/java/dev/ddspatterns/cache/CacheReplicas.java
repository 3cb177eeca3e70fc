package dev.ddspatterns.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.ddspatterns.testsupport.JvmProcess;
import dev.ddspatterns.testsupport.redis.RedisServers;

/**
 * cache-service replicas as real separate processes ({@link JvmProcess}), as a deployment
 * runs them: each with its own memory, its own view of the shards, and a process a test
 * can kill with SIGKILL.
 */
final class CacheReplicas implements AutoCloseable {

	/** Small, quick-starting JVMs: several share two cores with the test. */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final Path logs;

	private final List<String> properties;

	private final List<JvmProcess> processes = new ArrayList<>();

	private CacheReplicas(Path logs, List<String> properties) {
		this.logs = logs;
		this.properties = List.copyOf(properties);
	}

	/**
	 * Starts replicas and waits until every one is ready.
	 * @param count how many
	 * @param logs the directory their logs go to
	 * @param properties {@code name=value} settings every replica gets
	 * @return the running replicas
	 */
	static CacheReplicas start(int count, Path logs, List<String> properties) {
		try {
			Files.createDirectories(logs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		CacheReplicas replicas = new CacheReplicas(logs, properties);
		try {
			for (int i = 0; i < count; i++) {
				replicas.launch();
			}
			replicas.processes.forEach((process) -> process.awaitReady(START_TIMEOUT));
		}
		catch (RuntimeException ex) {
			replicas.close();
			throw ex;
		}
		return replicas;
	}

	/**
	 * Starts one more replica with the same settings and waits until it is ready.
	 * @return its index
	 */
	int startAnother() {
		JvmProcess process = launch();
		process.awaitReady(START_TIMEOUT);
		return this.processes.size() - 1;
	}

	private JvmProcess launch() {
		int index = this.processes.size();
		List<String> settings = new ArrayList<>(this.properties);
		settings.add("suite.instance-id=replica-" + index);
		JvmProcess process = JvmProcess.launch(CacheServiceApplication.class,
				this.logs.resolve("replica-" + index + ".log"), JVM_OPTIONS, settings);
		this.processes.add(process);
		return process;
	}

	/**
	 * @param index which replica
	 * @return its process
	 */
	JvmProcess process(int index) {
		return this.processes.get(index);
	}

	/**
	 * @param index which replica
	 * @param history where its client records operations
	 * @return a client of its API
	 */
	CacheClient client(int index, History history) {
		return new CacheClient(index, this.processes.get(index).port(), history);
	}

	/**
	 * @param history where the clients record operations
	 * @return a client of each replica's API, in replica order
	 */
	List<CacheClient> clients(History history) {
		return IntStream.range(0, this.processes.size()).mapToObj((index) -> client(index, history)).toList();
	}

	/**
	 * @return how many replicas were started, running or not
	 */
	int size() {
		return this.processes.size();
	}

	/**
	 * Settings of replicas that start with the first shards of {@code redis}, named
	 * {@code shard-0} ..., and a near cache no key gets hot enough for (its staleness
	 * bound is another test's subject).
	 * @param redis the servers
	 * @param count how many shards the replicas start with
	 * @return {@code name=value} settings
	 */
	static List<String> settings(RedisServers redis, int count) {
		List<String> settings = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			settings.add("suite.cache.shards[" + i + "].name=shard-" + i);
			settings.add("suite.cache.shards[" + i + "].primary=" + redis.shard(i).primary().uri());
		}
		settings.add(RedisShardsForTests.UNHURRIED);
		settings.add("suite.cache.hot-keys.threshold=1000000");
		return settings;
	}

	@Override
	public void close() {
		this.processes.forEach(JvmProcess::close);
	}

}
