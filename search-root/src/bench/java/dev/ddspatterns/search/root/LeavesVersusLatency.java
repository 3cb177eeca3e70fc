package dev.ddspatterns.search.root;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.convert.DurationStyle;

/**
 * Benchmark: root latency against the number of leaves, with and without hedged requests.
 *
 * <p>
 * For each leaf count N it starts N shards of a {@link SyntheticCorpus} with two replicas
 * each (2N leaves, all in this JVM, real HTTP over loopback), every leaf a straggler on a
 * small fraction of its requests, and two roots over the same leaves: one hedging, one
 * not (and with {@code bench.hedging} a third, hedging with other settings). Closed-loop
 * clients (one, then four) query the roots in turn, one batch each, so noise from the
 * shared machine hits every variant alike. At one N two more roots are queried with
 * {@code dfs=false}, to price the statistics round trip. Results go to
 * {@code target/bench/search-leaves.{csv,md}}; see docs/benchmarks.md.
 *
 * <p>
 * Settings are system properties: {@code bench.leaves} (1,2,4,8), {@code bench.documents}
 * (50000), {@code bench.queries} per variant (2000), {@code bench.warmup} per variant
 * (300), {@code bench.clients}, the loads to measure at (1,4), {@code bench.batch} (25),
 * {@code bench.delay-fraction} (0.01), {@code bench.delay} (100ms), {@code bench.dfs-at}
 * (4), {@code bench.hedging} (settings of a third root, {@code k=v,k=v}; none),
 * {@code bench.out} (target/bench).
 */
final class LeavesVersusLatency {

	/** Real queries over the words of the corpus: single terms, boolean, phrases. */
	static final List<String> QUERIES = List.of("cat AND dog", "wolf", "lion OR fox", "\"the king\"", "cat", "dog",
			"fox NOT grapes", "\"the lion\"", "wolf lamb", "+mouse -lion", "crow cheese", "man", "alice",
			"queen OR king", "tortoise AND hare", "\"said the\"", "title:fox", "shepherd", "ass AND lion", "rabbit");

	private final int documents = Integer.getInteger("bench.documents", SyntheticCorpus.DEFAULT_DOCUMENTS);

	private final int queries = Integer.getInteger("bench.queries", 2000);

	private final int warmup = Integer.getInteger("bench.warmup", 300);

	private final int batch = Integer.getInteger("bench.batch", 25);

	private final List<Integer> clients = integers(System.getProperty("bench.clients", "1,4"));

	private final double delayFraction = Double.parseDouble(System.getProperty("bench.delay-fraction", "0.01"));

	private final Duration delay = DurationStyle.detectAndParse(System.getProperty("bench.delay", "100ms"));

	/**
	 * Settings of a third root to compare, e.g. {@code suite.search.hedging.budget=0.1};
	 * none by default.
	 */
	private final Map<String, Object> otherHedging = properties(System.getProperty("bench.hedging", ""));

	private final int dfsAt = Integer.getInteger("bench.dfs-at", 4);

	private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));

	public static void main(String[] args) throws Exception {
		new LeavesVersusLatency().run(integers(System.getProperty("bench.leaves", "1,2,4,8")));
		// Leaf index reloaders and HTTP client threads would keep a forked JVM alive.
		System.exit(0);
	}

	private static Map<String, Object> properties(String commaSeparated) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String property : commaSeparated.split(",")) {
			if (!property.isBlank()) {
				properties.put(property.substring(0, property.indexOf('=')).strip(),
						property.substring(property.indexOf('=') + 1).strip());
			}
		}
		return properties;
	}

	private static List<Integer> integers(String commaSeparated) {
		return Arrays.stream(commaSeparated.split(",")).map(String::strip).map(Integer::valueOf).toList();
	}

	private void run(List<Integer> leafCounts) throws Exception {
		long started = System.nanoTime();
		LatencyTable table = new LatencyTable(LatencyTable.Machine.now(), String.format(Locale.ROOT,
				"%,d documents; stragglers: %.1f%% of leaf requests delayed %d ms; hedging: root defaults%s; "
						+ "%d measured + %d warm-up queries per variant and load, in batches of %d",
				this.documents, 100 * this.delayFraction, this.delay.toMillis(),
				this.otherHedging.isEmpty() ? "" : " and " + this.otherHedging, this.queries, this.warmup, this.batch));
		Path corpus = SyntheticCorpus.ensure(SyntheticCorpus.sourceCorpus(),
				this.out.resolve("corpus-" + this.documents), this.documents);
		System.out.printf("corpus %s (%,d documents), machine %s%n", corpus, this.documents, table.machine());
		for (int leaves : leafCounts) {
			table.addAll(measure(corpus, leaves));
			table.write(this.out);
		}
		System.out.printf("%n%s%nwritten to %s in %d s%n", table.markdown(), this.out.toAbsolutePath(),
				Duration.ofNanos(System.nanoTime() - started).toSeconds());
	}

	private List<LatencyTable.Row> measure(Path corpus, int leaves) throws Exception {
		List<RunningApp> apps = new ArrayList<>();
		try {
			long starting = System.nanoTime();
			List<List<RunningApp>> shards = new ArrayList<>();
			for (int shard = 0; shard < leaves; shard++) {
				List<RunningApp> replicas = new ArrayList<>();
				for (int replica = 0; replica < 2; replica++) {
					replicas.add(RunningApp.leaf(corpus.toString(), shard, leaves,
							Map.of("suite.search.leaf.faults.delay-fraction", this.delayFraction,
									"suite.search.leaf.faults.delay", this.delay.toMillis() + "ms",
									"suite.search.leaf.faults.seed", 1000L * leaves + 10L * shard + replica,
									"logging.level.root", "ERROR")));
				}
				apps.addAll(replicas);
				shards.add(replicas);
			}
			List<MeasuredVariant> variants = new ArrayList<>();
			for (boolean dfs : (leaves == this.dfsAt) ? List.of(true, false) : List.of(true)) {
				// A root of its own for each variant: the hedge budget and the latency
				// window it hedges by belong to one kind of query.
				for (Map.Entry<String, Map<String, Object>> hedging : hedgingVariants().entrySet()) {
					RunningApp root = RunningApp.root(shards, hedging.getValue());
					apps.add(root);
					variants.add(new MeasuredVariant(leaves, hedging.getKey(), dfs, root));
				}
			}
			System.out.printf("%d leaves: %d leaf apps and %d roots ready in %d s%n", leaves, 2 * leaves,
					variants.size(), Duration.ofNanos(System.nanoTime() - starting).toSeconds());
			List<LatencyTable.Row> rows = new ArrayList<>();
			for (int concurrency : this.clients) {
				try (ClosedLoopLoad load = new ClosedLoopLoad(concurrency, QUERIES)) {
					// Warm-up also lets the hedging root learn this load's latencies.
					rounds(variants, load, this.warmup);
					variants.forEach(MeasuredVariant::reset);
					double loadBefore = LatencyTable.Machine.currentLoadAverage();
					OtherProcessesCpu others = new OtherProcessesCpu();
					rounds(variants, load, this.queries);
					double otherCpu = others.share();
					double loadAverage = (loadBefore + LatencyTable.Machine.currentLoadAverage()) / 2;
					for (MeasuredVariant variant : variants) {
						rows.add(variant.row(concurrency, this.delay, loadAverage, otherCpu));
						System.out.println("  " + rows.get(rows.size() - 1).markdown());
					}
				}
			}
			return rows;
		}
		finally {
			Collections.reverse(apps);
			apps.forEach(RunningApp::close);
		}
	}

	/** The roots to start, by the hedging label the table shows them with. */
	private Map<String, Map<String, Object>> hedgingVariants() {
		Map<String, Map<String, Object>> variants = new LinkedHashMap<>();
		variants.put("on", Map.of("suite.search.hedging.enabled", true));
		variants.put("off", Map.of("suite.search.hedging.enabled", false));
		if (!this.otherHedging.isEmpty()) {
			variants.put("on " + String.join(" ",
					this.otherHedging.entrySet()
						.stream()
						.map((p) -> p.getKey().replace("suite.search.hedging.", "") + "=" + p.getValue())
						.toList()),
					this.otherHedging);
		}
		// Quiet: every cancelled hedge makes its leaf log a warning.
		variants.replaceAll((label, properties) -> {
			Map<String, Object> quiet = new LinkedHashMap<>(properties);
			quiet.put("logging.level.root", "ERROR");
			return quiet;
		});
		return variants;
	}

	/**
	 * Batches of queries to every variant in turn, the first variant rotating from round
	 * to round; every variant gets the same queries in the same round.
	 */
	private void rounds(List<MeasuredVariant> variants, ClosedLoopLoad load, int perVariant)
			throws InterruptedException {
		for (int round = 0; round * this.batch < perVariant; round++) {
			int size = Math.min(this.batch, perVariant - round * this.batch);
			for (int v = 0; v < variants.size(); v++) {
				MeasuredVariant variant = variants.get((round + v) % variants.size());
				double[] before = variant.counters();
				ClosedLoopLoad.Batch result = load.run(variant.root().uri(), variant.dfs(), round * this.batch, size);
				variant.add(result, before);
			}
		}
	}

}
