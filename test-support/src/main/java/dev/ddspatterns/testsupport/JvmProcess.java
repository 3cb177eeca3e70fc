package dev.ddspatterns.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An app of the suite as a real separate process on the test's own class path, so a test
 * can do to it what happens to real replicas: kill it with SIGKILL (no shutdown hook
 * runs, nothing is committed or released), stop it with SIGTERM, or freeze it with
 * SIGSTOP as a long GC pause or a stalled VM would.
 *
 * <pre class="code">
 * JvmProcess replica = JvmProcess.launch(MyApplication.class, log, List.of("-Xmx256m"),
 *         List.of("spring.data.redis.port=" + redis.server().port()));
 * replica.awaitReady(Duration.ofSeconds(90));
 * replica.kill();
 * </pre>
 */
public final class JvmProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Process process;

	private final int port;

	private JvmProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts an app on a free port without waiting for it; see {@link #awaitReady}.
	 * @param mainClass the app's main class, on the test's class path
	 * @param log where its output goes
	 * @param jvmOptions options for the JVM, such as {@code -Xmx256m}
	 * @param properties {@code name=value} settings, passed as command-line arguments
	 * @return the starting process
	 */
	public static JvmProcess launch(Class<?> mainClass, Path log, List<String> jvmOptions, List<String> properties) {
		int port = FreePorts.next();
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.add("--server.port=" + port);
		properties.forEach((property) -> command.add("--" + property));
		return start(command, port, ProcessBuilder.Redirect.to(log.toFile()));
	}

	/**
	 * Starts a JVM from a whole command line (a {@code java -jar} of a packaged app, say)
	 * that serves on a port the caller chose; see {@link #awaitReady}.
	 * @param command the command line, {@code java} first
	 * @param port the port its web server listens on
	 * @param log where its output goes
	 * @return the starting process
	 */
	public static JvmProcess start(List<String> command, int port, ProcessBuilder.Redirect log) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
			return new JvmProcess(process, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return the port its web server listens on
	 */
	public int port() {
		return this.port;
	}

	/**
	 * @return its process id
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * @return whether the process still runs
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits until {@code /readyz} answers 200.
	 * @param atMost how long to wait
	 * @throws IllegalStateException if the process exits or is not ready in time
	 */
	public void awaitReady(Duration atMost) {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (!isReady()) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The process exited with " + this.process.exitValue());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not ready after " + atMost);
			}
			sleep(Duration.ofMillis(300));
		}
	}

	/**
	 * Waits for the process to exit on its own.
	 * @param atMost how long to wait
	 * @return its exit status
	 * @throws InterruptedException if interrupted while waiting
	 */
	public int awaitExit(Duration atMost) throws InterruptedException {
		if (!this.process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Still running after " + atMost);
		}
		return this.process.exitValue();
	}

	/** Kills the process with SIGKILL and waits until it is gone. */
	public void kill() {
		this.process.destroyForcibly();
		waitForExit();
	}

	/** Stops the process with SIGTERM, so it shuts down gracefully, and waits for it. */
	public void terminate() {
		this.process.destroy();
		waitForExit();
	}

	/**
	 * Stops the process with SIGTERM, and kills it with SIGKILL if it has not exited
	 * within the grace period.
	 * @param grace how long a graceful shutdown may take
	 */
	public void terminate(Duration grace) {
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** Freezes the process with SIGSTOP: every thread stops, sockets stay open. */
	public void pause() {
		Signals.send(this.process.toHandle(), "STOP");
	}

	/** Lets a frozen process run again with SIGCONT. */
	public void resume() {
		Signals.send(this.process.toHandle(), "CONT");
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			resume();
			kill();
		}
	}

	/**
	 * @return whether {@code /readyz} answers 200 now
	 */
	public boolean isReady() {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/readyz"))
				.timeout(Duration.ofSeconds(2))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void waitForExit() {
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
