package dev.ddspatterns.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * POSIX signals to a process, for the faults a test or the demo plays: {@code STOP}
 * freezes every thread as a long GC pause would, {@code CONT} lets it run again. Java's
 * {@link Process} can only terminate or kill.
 */
public final class Signals {

	private Signals() {
	}

	/**
	 * Sends a signal with {@code kill}.
	 * @param process the process
	 * @param signal its name without {@code SIG}, such as {@code STOP} or {@code CONT}
	 * @throws IllegalStateException if {@code kill} failed, for example because the
	 * process has exited
	 */
	public static void send(ProcessHandle process, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
				.redirectErrorStream(true)
				.start();
			if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: "
						+ new String(kill.getInputStream().readAllBytes()).trim());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending " + signal, ex);
		}
	}

}
