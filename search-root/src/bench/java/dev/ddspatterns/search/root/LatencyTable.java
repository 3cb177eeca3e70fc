package dev.ddspatterns.search.root;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's results, written as CSV (one row per leaf count and variant), as a
 * markdown table for docs/benchmarks.md, and as the columns gnuplot draws.
 */
final class LatencyTable {

	private final Machine machine;

	private final String settings;

	private final List<Row> rows = new ArrayList<>();

	LatencyTable(Machine machine, String settings) {
		this.machine = machine;
		this.settings = settings;
	}

	Machine machine() {
		return this.machine;
	}

	void addAll(List<Row> more) {
		this.rows.addAll(more);
	}

	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		StringBuilder csv = new StringBuilder("leaves,clients,hedging,dfs,queries,p50_ms,p95_ms,p99_ms,max_ms,"
				+ "slow_queries,qps,leaf_requests_per_query,hedges,extra_leaf_requests_pct,hedges_won,incomplete,"
				+ "load_avg,other_processes_cpu_pct\n");
		this.rows.forEach((row) -> csv.append(row.csv()).append('\n'));
		Files.writeString(directory.resolve("search-leaves.csv"), csv);
		Files.writeString(directory.resolve("search-leaves.md"), markdown());
		Files.writeString(directory.resolve("search-leaves-plot.dat"), plotData());
	}

	/**
	 * One gnuplot data block per number of clients (select with {@code index}), one line
	 * per leaf count: p50 and p99 with and without hedging, statistics round on.
	 */
	private String plotData() {
		StringBuilder plot = new StringBuilder();
		this.rows.stream().mapToInt(Row::clients).distinct().forEach((clients) -> {
			plot.append("# clients=")
				.append(clients)
				.append(": leaves p50_hedged p99_hedged p50_unhedged p99_unhedged\n");
			this.rows.stream()
				.filter((row) -> row.clients() == clients && row.dfs() && row.hedging().equals("on"))
				.forEach((on) -> {
					Row off = this.rows.stream()
						.filter((row) -> row.clients() == clients && row.dfs() && row.hedging().equals("off")
								&& row.leaves() == on.leaves())
						.findFirst()
						.orElseThrow();
					plot.append(String.format(Locale.ROOT, "%d %.2f %.2f %.2f %.2f%n", on.leaves(), on.p50(), on.p99(),
							off.p50(), off.p99()));
				});
			plot.append("\n\n");
		});
		return plot.toString();
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("Machine: ").append(this.machine).append(". ").append(this.settings).append(".\n\n");
		md.append("| leaves | clients | hedging | dfs | p50 ms | p95 ms | p99 ms | queries ≥ delay | queries/s | "
				+ "leaf requests / query | extra leaf requests (hedges) | hedges that won | incomplete | "
				+ "other processes' CPU |\n");
		md.append("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		this.rows.forEach((row) -> md.append(row.markdown()).append('\n'));
		return md.toString();
	}

	/**
	 * One variant at one leaf count.
	 *
	 * @param leaves shards a query fans out to
	 * @param clients closed-loop clients sending queries
	 * @param hedging whether the root hedged: on (its defaults), off, or on with the
	 * settings shown
	 * @param dfs whether queries took the statistics round first
	 * @param queries measured queries
	 * @param p50 median latency, ms
	 * @param p95 95th percentile, ms
	 * @param p99 99th percentile, ms
	 * @param max slowest query, ms
	 * @param slowQueries queries that took at least the straggler delay
	 * @param qps queries per second over the variant's batches
	 * @param leafRequests leaf requests the root sent, hedges included
	 * @param hedges hedged requests the root sent
	 * @param hedgesWon hedged requests that answered first
	 * @param incomplete answers that were errors or partial
	 * @param loadAverage the machine's 1-minute load average during the measurement
	 * @param otherCpu the share of the machine's CPU that other processes used meanwhile
	 */
	record Row(int leaves, int clients, String hedging, boolean dfs, int queries, double p50, double p95, double p99,
			double max, int slowQueries, double qps, long leafRequests, long hedges, long hedgesWon, int incomplete,
			double loadAverage, double otherCpu) {

		static Row of(int leaves, int clients, String hedging, boolean dfs, long[] latencies, long wallNanos,
				Duration delay, long leafRequests, long hedges, long hedgesWon, int incomplete, double loadAverage,
				double otherCpu) {
			long[] sorted = latencies.clone();
			Arrays.sort(sorted);
			int slow = (int) Arrays.stream(sorted).filter((nanos) -> nanos >= delay.toNanos()).count();
			return new Row(leaves, clients, hedging, dfs, sorted.length, percentile(sorted, 0.50),
					percentile(sorted, 0.95), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6, slow,
					sorted.length / (wallNanos / 1e9), leafRequests, hedges, hedgesWon, incomplete, loadAverage,
					otherCpu);
		}

		/**
		 * Nearest rank: the smallest latency that the given share of queries did not
		 * exceed.
		 */
		private static double percentile(long[] sorted, double share) {
			return sorted[(int) Math.ceil(share * sorted.length) - 1] / 1e6;
		}

		double extraPercent() {
			return 100.0 * this.hedges / (this.leafRequests - this.hedges);
		}

		String csv() {
			return String.format(Locale.ROOT, "%d,%d,%s,%s,%d,%.2f,%.2f,%.2f,%.2f,%d,%.1f,%.3f,%d,%.2f,%d,%d,%.2f,%.1f",
					this.leaves, this.clients, this.hedging, onOff(this.dfs), this.queries, this.p50, this.p95,
					this.p99, this.max, this.slowQueries, this.qps, (double) this.leafRequests / this.queries,
					this.hedges, extraPercent(), this.hedgesWon, this.incomplete, this.loadAverage,
					100 * this.otherCpu);
		}

		String markdown() {
			return String.format(Locale.ROOT,
					"| %d | %d | %s | %s | %.1f | %.1f | %.1f | %.1f%% | %.0f | %.2f | %.1f%% | %s | %d | %.0f%% |",
					this.leaves, this.clients, this.hedging, onOff(this.dfs), this.p50, this.p95, this.p99,
					100.0 * this.slowQueries / this.queries, this.qps, (double) this.leafRequests / this.queries,
					extraPercent(), wonShare(), this.incomplete, 100 * this.otherCpu);
		}

		private String wonShare() {
			return (this.hedges == 0) ? "–" : String.format(Locale.ROOT, "%d of %d", this.hedgesWon, this.hedges);
		}

		private static String onOff(boolean value) {
			return value ? "on" : "off";
		}

	}

	/**
	 * The machine the numbers were measured on.
	 *
	 * @param cores available processors
	 * @param memoryGib physical memory
	 * @param heapGib this JVM's maximum heap
	 * @param java the Java runtime
	 * @param loadAverage the 1-minute load average when the benchmark started
	 * @param date the day of the run
	 */
	record Machine(int cores, long memoryGib, long heapGib, String java, double loadAverage, LocalDate date) {

		static Machine now() {
			return new Machine(Runtime.getRuntime().availableProcessors(), physicalMemoryGib(),
					Runtime.getRuntime().maxMemory() >> 30,
					System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
					currentLoadAverage(), LocalDate.now());
		}

		/**
		 * @return the 1-minute load average, or -1 where /proc does not tell
		 */
		static double currentLoadAverage() {
			try {
				return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}

		private static long physicalMemoryGib() {
			try {
				String total = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", "");
				return Math.round(Long.parseLong(total) / (1024.0 * 1024));
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%d cores, %d GiB, heap %d GiB, %s, load average %.2f at start, %s",
					this.cores, this.memoryGib, this.heapGib, this.java, this.loadAverage, this.date);
		}

	}

}
