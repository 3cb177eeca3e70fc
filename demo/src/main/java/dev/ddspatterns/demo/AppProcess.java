package dev.ddspatterns.demo;

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

import dev.ddspatterns.testsupport.Signals;

/**
 * One app of the suite running as its own JVM ({@code java -jar}), logging to a file,
 * ready once its {@code /readyz} answers 200.
 */
final class AppProcess {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final String name;

	private final int port;

	private final List<String> command;

	private final Path log;

	private Process process;

	AppProcess(String name, Path jar, int port, Path logs, List<String> arguments) {
		this.name = name;
		this.port = port;
		this.log = logs.resolve(name + ".log");
		this.command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port,
				// What a log shipper reads: every app's lines in one JSON format (ECS).
				"--suite.logging.json=true"));
		this.command.addAll(arguments);
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	URI uri() {
		return URI.create("http://localhost:" + this.port);
	}

	Path log() {
		return this.log;
	}

	long pid() {
		return this.process.pid();
	}

	synchronized void start() {
		try {
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.name, ex);
		}
	}

	boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * @param timeout how long to wait
	 * @return whether {@code /readyz} answered 200 in time
	 */
	boolean awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline && isRunning()) {
			if (ready()) {
				return true;
			}
			Thread.sleep(250);
		}
		return false;
	}

	boolean ready() {
		try {
			return http
				.send(HttpRequest.newBuilder(uri().resolve("/readyz")).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Kills the app at once (SIGKILL): no shutdown hook, nothing released. */
	synchronized void kill() {
		if (isRunning()) {
			try {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Freezes the app with SIGSTOP, as a long GC pause would: sockets stay open. */
	void pause() {
		Signals.send(this.process.toHandle(), "STOP");
	}

	/** Lets a frozen app run again (SIGCONT). */
	void resume() {
		Signals.send(this.process.toHandle(), "CONT");
	}

	/** Asks the app to shut down (SIGTERM, graceful), then kills it if it lingers. */
	synchronized void stop() {
		if (!isRunning()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
