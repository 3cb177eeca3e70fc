package dev.ddspatterns.election;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.ddspatterns.election.ReplicaClient.Leader;
import dev.ddspatterns.testsupport.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * A replica as a real separate process (same class path as the test), so a test can kill
 * it with SIGKILL (no shutdown hook, no release) or freeze it with SIGSTOP, as a long GC
 * pause or a stalled VM would.
 */
final class ReplicaProcess implements AutoCloseable {

	private final Process process;

	private final ReplicaClient client;

	private ReplicaProcess(Process process, ReplicaClient client) {
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
		int port = FreePorts.next();
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		// Three JVMs share two cores with the test: keep them small and quick to start.
		command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), ElectionApplication.class.getName()));
		command.add("--server.port=" + port);
		command.add("--suite.instance-id=" + id);
		properties.forEach((property) -> command.add("--" + property));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ReplicaProcess(process, new ReplicaClient(id, port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits until the replica reports ready. */
	void awaitReady() {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(id() + " exited with " + this.process.exitValue());
			}
			return this.client.isReady();
		});
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
		if (!this.process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(id() + " is still running after " + atMost);
		}
		return this.process.exitValue();
	}

	/** Kills the process with SIGKILL and waits until it is gone. */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stops the process with SIGTERM, so it shuts down gracefully, and waits for it. */
	void terminate() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Freezes the process with SIGSTOP: every thread stops, sockets stay open. */
	void pause() {
		signal("-STOP");
	}

	/** Lets a frozen process run again with SIGCONT. */
	void resume() {
		signal("-CONT");
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill " + signal + " failed for " + id());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			resume();
			kill();
		}
	}

}
