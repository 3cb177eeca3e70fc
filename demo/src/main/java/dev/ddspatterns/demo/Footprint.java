package dev.ddspatterns.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * The demo's memory footprint: the resident set (RSS) of each process it started, and its
 * own, added up, as Linux reports them in {@code /proc}. Pages that several processes
 * share (the JDK's own files, a start-up cache used by three replicas) count once per
 * process, so the sum is an upper bound on what the machine gives up.
 */
final class Footprint {

	private Footprint() {
	}

	/**
	 * @param pids the processes
	 * @return their resident sets added up, in bytes; empty where {@code /proc} is not
	 * there to read (macOS, say)
	 */
	static OptionalLong residentBytes(Collection<Long> pids) {
		long total = 0;
		for (long pid : pids) {
			OptionalLong rss = residentBytes(pid);
			if (rss.isEmpty()) {
				return OptionalLong.empty();
			}
			total += rss.getAsLong();
		}
		return OptionalLong.of(total);
	}

	private static OptionalLong residentBytes(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return OptionalLong.of(1024 * Long.parseLong(line.replaceAll("\\D", "")));
				}
			}
			return OptionalLong.of(0);
		}
		catch (IOException notLinuxOrGone) {
			return OptionalLong.empty();
		}
	}

}
