package dev.ddspatterns.testsupport.etcd;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.ddspatterns.testsupport.ServerProcess;

/**
 * One {@code etcd} member as a real process on the loopback interface, with its data in a
 * directory of its own that survives {@link #kill()} and {@link #restart()}: a restarted
 * member rejoins its cluster with what it had, as a real one does. Faults are real
 * signals: SIGTERM, SIGKILL, SIGSTOP and SIGCONT.
 */
public final class EtcdMember {

	private static final String HOST = "127.0.0.1";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

	private final String name;

	private final int clientPort;

	private final int peerPort;

	private final Path dataDir;

	private String initialCluster = "";

	private String clusterToken = "";

	private ServerProcess process;

	EtcdMember(String name, int clientPort, int peerPort) {
		this.name = name;
		this.clientPort = clientPort;
		this.peerPort = peerPort;
		try {
			this.dataDir = Files.createTempDirectory("etcd-" + name + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return the member's name in its cluster, such as {@code etcd-0}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return {@code http://127.0.0.1:port}, where clients connect
	 */
	public String endpoint() {
		return "http://" + HOST + ":" + this.clientPort;
	}

	/**
	 * @return {@code name=http://127.0.0.1:peerPort}, this member's entry in
	 * {@code --initial-cluster}
	 */
	String peer() {
		return this.name + "=http://" + HOST + ":" + this.peerPort;
	}

	/**
	 * Starts the process without waiting for it: a member of a new cluster is healthy
	 * only once a quorum has started.
	 * @param initialCluster every member's {@link #peer()}, comma-separated
	 * @param clusterToken the cluster's token, unique per cluster
	 */
	synchronized void launch(String initialCluster, String clusterToken) {
		this.initialCluster = initialCluster;
		this.clusterToken = clusterToken;
		String peerUrl = "http://" + HOST + ":" + this.peerPort;
		List<String> command = List.of(binary().toString(), "--name", this.name, "--data-dir",
				this.dataDir.resolve("data").toString(), "--listen-client-urls", endpoint(), "--advertise-client-urls",
				endpoint(), "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
				"--initial-cluster", initialCluster, "--initial-cluster-state", "new", "--initial-cluster-token",
				clusterToken, "--log-level", "warn");
		this.process = ServerProcess.start(this.name, command, logFile());
	}

	/**
	 * Waits until the member reports itself healthy, which needs a quorum of its cluster.
	 * @param timeout how long to wait
	 */
	void awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!isRunning()) {
				throw new IllegalStateException(this.name + " exited at start-up:\n" + this.process.logTail());
			}
			if (isHealthy()) {
				return;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new IllegalStateException(
				this.name + " did not become healthy in " + timeout + ":\n" + this.process.logTail());
	}

	/**
	 * @return whether {@code /health} answers that the member is healthy (it has a leader
	 * and can serve)
	 */
	public boolean isHealthy() {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(endpoint() + "/health")).timeout(Duration.ofMillis(500)).build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"health\":\"true\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Kills the member at once (SIGKILL), as a crash would; its data stays. */
	public synchronized void kill() {
		if (isRunning()) {
			this.process.kill();
		}
	}

	/** Stops the member cleanly (SIGTERM). */
	public synchronized void stop() {
		if (isRunning()) {
			this.process.stop();
		}
	}

	/** Freezes the member (SIGSTOP). */
	public synchronized void pause() {
		this.process.pause();
	}

	/** Lets a frozen member run again (SIGCONT). */
	public synchronized void resume() {
		this.process.resume();
	}

	/**
	 * Starts a stopped or killed member again, with its data, and waits until healthy.
	 */
	public synchronized void restart() {
		stop();
		launch(this.initialCluster, this.clusterToken);
		awaitHealthy(Duration.ofSeconds(30));
	}

	/**
	 * @return whether the process is running (paused counts)
	 */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isRunning();
	}

	/**
	 * @return the member's log file
	 */
	public Path logFile() {
		return this.dataDir.resolve("etcd.log");
	}

	/**
	 * Finds a real {@code etcd}: the {@code ETCD_SERVER} environment variable, else the
	 * {@code PATH} (Debian's {@code etcd-server} package installs {@code /usr/bin/etcd}).
	 */
	private static Path binary() {
		return Optional.ofNullable(System.getenv("ETCD_SERVER"))
			.map(Path::of)
			.filter(Files::isExecutable)
			.or(() -> Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
				.filter((dir) -> !dir.isBlank())
				.map((dir) -> Path.of(dir, "etcd"))
				.filter(Files::isExecutable)
				.findFirst())
			.orElseThrow(() -> new IllegalStateException(
					"No etcd on the PATH and no ETCD_SERVER set: install Debian's etcd-server (apt-get install etcd-server)"));
	}

	@Override
	public String toString() {
		return this.name + "@" + endpoint();
	}

}
