package dev.ddspatterns.election;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.ddspatterns.election.ReplicaClient.Leader;
import dev.ddspatterns.testsupport.JvmProcess;

import static org.awaitility.Awaitility.await;

/**
 * An election replica as a real separate process ({@link JvmProcess}), with a client for
 * its API, so a test can kill it with SIGKILL (no shutdown hook, no release) or freeze it
 * with SIGSTOP, as a long GC pause or a stalled VM would.
 */
final class ReplicaProcess implements AutoCloseable {

	private final JvmProcess process;

	private final ReplicaClient client;

	private ReplicaProcess(JvmProcess process, ReplicaClient client) {
		this.process = process;
		this.client = client;
	}

	/**
	 * Starts the app without waiting for it; see {@link #awaitReady()}.
	 * @param id its instance id
	 * @param log where its output goes
	 * @param properties {@code name=value} settings, passed as command-line arguments
	 * @return the starting replica
	 */
	static ReplicaProcess launch(String id, Path log, List<String> properties) {
		List<String> settings = new ArrayList<>(properties);
		settings.add("suite.instance-id=" + id);
		// Three JVMs share two cores with the test: keep them small and quick to start.
		JvmProcess process = JvmProcess.launch(ElectionApplication.class, log,
				List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), settings);
		return new ReplicaProcess(process, new ReplicaClient(id, process.port()));
	}

	/**
	 * Starts replicas and waits until each reports ready; their logs go to
	 * {@code target/replica-logs/<folder>/replica-N.log}.
	 * @param folder the logs' folder, named after the test
	 * @param count how many
	 * @param properties {@code name=value} settings for every replica
	 * @return the ready replicas, {@code replica-0} first
	 */
	static List<ReplicaProcess> launchReady(String folder, int count, List<String> properties) throws IOException {
		Path logs = Files.createDirectories(Path.of("target", "replica-logs", folder));
		List<ReplicaProcess> replicas = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			replicas.add(launch("replica-" + i, logs.resolve("replica-" + i + ".log"), properties));
		}
		replicas.forEach(ReplicaProcess::awaitReady);
		return replicas;
	}

	/** Waits until the replica reports ready. */
	void awaitReady() {
		this.process.awaitReady(Duration.ofSeconds(90));
	}

	/** Waits until all the replicas agree on one leader, which alone acts as leader. */
	static ReplicaProcess awaitOneLeader(List<ReplicaProcess> replicas) {
		return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
			List<ReplicaProcess> acting = new ArrayList<>();
			Set<String> leaders = new HashSet<>();
			for (ReplicaProcess replica : replicas) {
				Leader view = replica.client().leader();
				leaders.add(String.valueOf(view.leader()));
				if (view.acting()) {
					acting.add(replica);
				}
			}
			boolean one = acting.size() == 1 && leaders.equals(Set.of(acting.get(0).id()));
			return one ? acting.get(0) : null;
		}, Objects::nonNull);
	}

	String id() {
		return this.client.id();
	}

	ReplicaClient client() {
		return this.client;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits for the process to exit on its own.
	 * @param atMost how long to wait
	 * @return its exit status
	 */
	int awaitExit(Duration atMost) throws InterruptedException {
		return this.process.awaitExit(atMost);
	}

	/** Kills the process with SIGKILL (no shutdown hook, no release). */
	void kill() {
		this.process.kill();
	}

	/**
	 * Stops the process with SIGTERM, so it shuts down gracefully and releases its
	 * leases.
	 */
	void terminate() {
		this.process.terminate();
	}

	/** Freezes the process with SIGSTOP. */
	void pause() {
		this.process.pause();
	}

	/** Lets a frozen process run again. */
	void resume() {
		this.process.resume();
	}

	@Override
	public void close() {
		this.process.close();
	}

}
