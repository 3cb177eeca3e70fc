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

import dev.ddspatterns.testsupport.ServerProcess;

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

	private ServerProcess process;

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
		this.process = ServerProcess.start(this.name, command, logFile());
		awaitReady();
	}

	private void awaitReady() {
		boolean replica = this.replicaOf != null;
		if (!RespProbe.awaitReply(address(), replica ? "INFO replication" : "PING",
				replica ? "master_link_status:up" : "PONG", START_TIMEOUT, this.process::isRunning)) {
			String why = this.process.isRunning() ? " did not become ready in " + START_TIMEOUT : " exited at start-up";
			throw new IllegalStateException(this.name + why + ":\n" + this.process.logTail());
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
			this.process.stop();
		}
	}

	@Override
	public synchronized void kill() {
		if (isRunning()) {
			this.process.kill();
		}
	}

	@Override
	public synchronized void pause() {
		running().pause();
	}

	@Override
	public synchronized void resume() {
		running().resume();
	}

	private ServerProcess running() {
		if (!isRunning()) {
			throw new IllegalStateException(this.name + " is not running");
		}
		return this.process;
	}

	@Override
	public synchronized void restart() {
		stop();
		launch();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isRunning();
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

	@Override
	public String toString() {
		return this.name + "@" + HOST + ":" + this.port;
	}

}
