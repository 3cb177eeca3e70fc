package dev.ddspatterns.search.root;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.sun.management.OperatingSystemMXBean;

/**
 * How much of the machine's CPU other processes took while the benchmark measured. The
 * benchmark shares two cores with other people's builds; a load average would count this
 * JVM's own busy threads too, so this subtracts the JVM's own CPU time from the busy time
 * of the whole machine ({@code /proc/stat}). Linux only; elsewhere the share is -1.
 */
final class OtherProcessesCpu {

	private static final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private final long[] machineTicks = machineTicks();

	private final long ownCpuNanos = os.getProcessCpuTime();

	private final long wallNanos = System.nanoTime();

	/**
	 * The share of all cores' time, 0 to 1, that other processes used since this object
	 * was made, or -1 where that cannot be told.
	 */
	double share() {
		long[] now = machineTicks();
		long busy = now[0] - this.machineTicks[0];
		long total = now[1] - this.machineTicks[1];
		if (this.machineTicks[1] < 0 || now[1] < 0 || total <= 0) {
			return -1;
		}
		double ownShare = (double) (os.getProcessCpuTime() - this.ownCpuNanos)
				/ ((System.nanoTime() - this.wallNanos) * (double) os.getAvailableProcessors());
		return Math.max(0, (double) busy / total - ownShare);
	}

	/**
	 * Busy and total clock ticks of all cores since boot, or -1s where there is no
	 * {@code /proc/stat}.
	 */
	private static long[] machineTicks() {
		try {
			// cpu user nice system idle iowait irq softirq steal ...
			long[] ticks = Arrays.stream(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+"))
				.skip(1)
				.limit(8)
				.mapToLong(Long::parseLong)
				.toArray();
			long idle = ticks[3] + ticks[4];
			return new long[] { Arrays.stream(ticks).sum() - idle, Arrays.stream(ticks).sum() };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { -1, -1 };
		}
	}

}
