package dev.ddspatterns.testsupport.redis;

import dev.ddspatterns.testsupport.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.ddspatterns.testsupport.Signals;

/**
 * A {@code redis-server} process on the loopback interface. Faults are real signals sent
 * to the real process: SIGTERM, SIGKILL, SIGSTOP and SIGCONT.
 */
public final class RedisProcess implements RedisNode {

	private static final String HOST = "127.0.0.1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final String name;

	private final int port;

	private final RedisNode replicaOf;

	private final Path workDir;

	private Process process;

	private RedisProcess(String name, int port, RedisNode replicaOf) {
		this.name = name;
		this.port = port;
		this.replicaOf = replicaOf;
		try {
			this.workDir = Files.createTempDirectory("redis-" + name + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts a primary on a free port and waits until it answers {@code PING}.
	 * @param name a name for logs
	 * @return the running server
	 */
	public static RedisProcess startPrimary(String name) {
		return start(name, FreePorts.next(), null);
	}

	/**
	 * Starts a server with a fixed port, for a demo that publishes its ports.
	 * @param name a name for logs
	 * @param port the port to listen on
	 * @param replicaOf the primary to follow, or {@code null} for a primary
	 * @return the running server, replicating when it is a replica
	 */
	public static RedisProcess start(String name, int port, RedisNode replicaOf) {
		RedisProcess redis = new RedisProcess(name, port, replicaOf);
		redis.launch();
		return redis;
	}

	/**
	 * Starts a replica of {@code primary} on a free port and waits until its replication
	 * link is up.
	 * @param name a name for logs
	 * @param primary the server to follow
	 * @return the running replica
	 */
	public static RedisProcess startReplica(String name, RedisNode primary) {
		return start(name, FreePorts.next(), primary);
	}

	private synchronized void launch() {
		List<String> command = new ArrayList<>(List.of(RedisBinary.locate().toString(), "--port",
				String.valueOf(this.port), "--bind", HOST, "--protected-mode", "no", "--save", "", "--appendonly", "no",
				"--dir", this.workDir.toString(), "--daemonize", "no", "--loglevel", "notice"));
		if (this.replicaOf != null) {
			command.addAll(List.of("--replicaof", this.replicaOf.host(), String.valueOf(this.replicaOf.port())));
		}
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command.get(0), ex);
		}
		awaitReady();
	}

	private void awaitReady() {
		boolean replica = this.replicaOf != null;
		if (!RespProbe.awaitReply(address(), replica ? "INFO replication" : "PING",
				replica ? "master_link_status:up" : "PONG", START_TIMEOUT, this.process::isAlive)) {
			String why = this.process.isAlive() ? " did not become ready in " + START_TIMEOUT : " exited at start-up";
			throw new IllegalStateException(this.name + why + ":\n" + logTail());
		}
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String host() {
		return HOST;
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public InetSocketAddress address() {
		return new InetSocketAddress(HOST, this.port);
	}

	@Override
	public synchronized void stop() {
		if (isRunning()) {
			Signals.send(this.process.toHandle(), "CONT");
			this.process.destroy();
			awaitExit();
		}
	}

	@Override
	public synchronized void kill() {
		if (isRunning()) {
			this.process.destroyForcibly();
			awaitExit();
		}
	}

	@Override
	public synchronized void pause() {
		Signals.send(running(), "STOP");
	}

	@Override
	public synchronized void resume() {
		Signals.send(running(), "CONT");
	}

	private ProcessHandle running() {
		if (!isRunning()) {
			throw new IllegalStateException(this.name + " is not running");
		}
		return this.process.toHandle();
	}

	@Override
	public synchronized void restart() {
		stop();
		launch();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * @return the process id, for tests that want to look at the process itself
	 */
	public synchronized long pid() {
		return this.process.pid();
	}

	/**
	 * @return the server's log file
	 */
	public Path logFile() {
		return this.workDir.resolve("redis.log");
	}

	private void awaitExit() {
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(logFile());
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public String toString() {
		return this.name + "@" + HOST + ":" + this.port;
	}

}
