package dev.ddspatterns.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server (redis-server, etcd) run as a real child process, its output appended to a log
 * file, and the faults a test plays on it as real signals: SIGTERM, SIGKILL, SIGSTOP and
 * SIGCONT.
 */
public final class ServerProcess {

	private final String name;

	private final Process process;

	private final Path log;

	private ServerProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts the server without waiting for it to be ready.
	 * @param name a name for messages
	 * @param command the command line, the binary first
	 * @param log where its output goes, appended
	 * @return the started process
	 */
	public static ServerProcess start(String name, List<String> command, Path log) {
		try {
			return new ServerProcess(name,
					new ProcessBuilder(command).redirectErrorStream(true)
						.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
						.start(),
					log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command.get(0), ex);
		}
	}

	/**
	 * @return whether the process runs (a paused one does)
	 */
	public boolean isRunning() {
		return this.process.isAlive();
	}

	/** Shuts the server down cleanly (SIGCONT, in case it is paused, then SIGTERM). */
	public void stop() {
		if (isRunning()) {
			Signals.send(this.process.toHandle(), "CONT");
			this.process.destroy();
			awaitExit();
		}
	}

	/** Kills the server at once (SIGKILL), as a crash would. */
	public void kill() {
		if (isRunning()) {
			this.process.destroyForcibly();
			awaitExit();
		}
	}

	/** Freezes the server (SIGSTOP). */
	public void pause() {
		Signals.send(running(), "STOP");
	}

	/** Lets a frozen server run again (SIGCONT). */
	public void resume() {
		Signals.send(running(), "CONT");
	}

	/**
	 * @return the process id
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * @return the last lines of its log, for a message saying why it did not start
	 */
	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private ProcessHandle running() {
		if (!isRunning()) {
			throw new IllegalStateException(this.name + " is not running");
		}
		return this.process.toHandle();
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

}
