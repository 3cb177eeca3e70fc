package dev.ddspatterns.thumbnailer;

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

import dev.ddspatterns.testsupport.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * A second thumbnailer as a real separate process (same class path as the test), so a
 * test can kill it with SIGKILL: no shutdown hook runs, no offset is committed, and Kafka
 * only notices when its session times out.
 */
final class ChildInstance implements AutoCloseable {

	private final Process process;

	private final int port;

	private ChildInstance(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts the app and waits until it is ready.
	 * @param log where its output goes
	 * @param properties {@code name=value} settings, passed as command-line arguments
	 * @return the running instance
	 */
	static ChildInstance start(Path log, List<String> properties) {
		int port = FreePorts.next();
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx512m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ThumbnailerApplication.class.getName());
		command.add("--server.port=" + port);
		properties.forEach((property) -> command.add("--" + property));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ChildInstance child = new ChildInstance(process, port);
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(child::isReady);
			return child;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean isReady() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("The child instance exited with " + this.process.exitValue());
		}
		try {
			HttpResponse<Void> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/readyz")).build(),
						HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
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

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
