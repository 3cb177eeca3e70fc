package dev.ddspatterns.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ddspatterns.testsupport.JvmProcess;

/**
 * One app of the suite running as its own JVM, logging to a file, ready once its
 * {@code /readyz} answers 200. It can be stopped, killed, frozen and started again on the
 * same port, as the tour's faults need; each start is a new {@link JvmProcess}.
 */
final class AppProcess {

	private static final Duration GRACEFUL_SHUTDOWN = Duration.ofSeconds(15);

	private final String name;

	private final int port;

	private final List<String> command;

	private final Path log;

	private JvmProcess process;

	/**
	 * @param name the app's name in the demo's table and log file
	 * @param launch how to start its JVM: {@code java}, its options and the app
	 * @param port its fixed port
	 * @param logs the folder for its log file
	 * @param arguments its own settings, {@code --name=value}
	 */
	AppProcess(String name, List<String> launch, int port, Path logs, List<String> arguments) {
		this.name = name;
		this.port = port;
		this.log = logs.resolve(name + ".log");
		this.command = new ArrayList<>(launch);
		this.command.add("--server.port=" + port);
		// What a log shipper reads: every app's lines in one JSON format (ECS).
		this.command.add("--suite.logging.json=true");
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
		this.process = JvmProcess.start(this.command, this.port, ProcessBuilder.Redirect.appendTo(this.log.toFile()));
	}

	synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * @param timeout how long to wait
	 * @return whether {@code /readyz} answered 200 in time (false at once if the process
	 * exited)
	 */
	boolean awaitReady(Duration timeout) {
		try {
			current().awaitReady(timeout);
			return true;
		}
		catch (IllegalStateException exitedOrLate) {
			return false;
		}
	}

	boolean ready() {
		return isRunning() && current().isReady();
	}

	/** Kills the app at once (SIGKILL): no shutdown hook, nothing released. */
	synchronized void kill() {
		if (isRunning()) {
			this.process.kill();
		}
	}

	/** Freezes the app with SIGSTOP, as a long GC pause would: sockets stay open. */
	void pause() {
		current().pause();
	}

	/** Lets a frozen app run again (SIGCONT). */
	void resume() {
		current().resume();
	}

	/** Asks the app to shut down (SIGTERM, graceful), then kills it if it lingers. */
	synchronized void stop() {
		if (isRunning()) {
			this.process.terminate(GRACEFUL_SHUTDOWN);
		}
	}

	private synchronized JvmProcess current() {
		return this.process;
	}

}
