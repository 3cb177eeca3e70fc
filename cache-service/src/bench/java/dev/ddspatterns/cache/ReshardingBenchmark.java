package dev.ddspatterns.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.ddspatterns.cache.CacheClient.Answer;
import dev.ddspatterns.cache.CacheOperation.Type;
import dev.ddspatterns.testsupport.InfrastructureMode;
import dev.ddspatterns.testsupport.redis.RedisServers;

/**
 * GET and PUT latency through three cache-service replicas before, during and after a
 * live add of a fifth shard, in one run, and how long that migration takes with the cache
 * full. Real Redis servers and replica processes, as in
 * {@code ReshardingAcrossReplicasIntegrationTests}; the same mixed workload (half GETs, a
 * third PUTs, the rest DELETEs) by two closed-loop clients per replica.
 *
 * <pre>
 * ./mvnw -pl cache-service -am -Pbench -DskipTests verify
 *     -Dbench.args="-Dbench.keys=100000 -Dbench.phase=PT20S"
 * </pre>
 *
 * Prints a Markdown table for docs/benchmarks.md and writes it to
 * {@code target/bench/resharding.md}.
 */
public final class ReshardingBenchmark {

	private ReshardingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int keys = Integer.getInteger("bench.keys", 100_000);
		Duration phase = Duration.parse(System.getProperty("bench.phase", "PT20S"));
		Path out = Path.of(System.getProperty("bench.out", "target/bench"));
		Files.createDirectories(out);
		RedisServers redis = RedisServers.shards(5);
		try {
			redis.start(InfrastructureMode.PROCESSES);
			try (CacheReplicas replicas = CacheReplicas.start(3, out.resolve("replicas"),
					CacheReplicas.settings(redis, 4))) {
				long loading = System.nanoTime();
				new Workload(replicas.clients(new History()), keys, 1).preload();
				double loaded = (System.nanoTime() - loading) / 1e9;
				System.out.printf(Locale.ROOT, "%,d keys written through the replicas in %.1f s%n", keys, loaded);

				History history = new History();
				List<CacheClient> clients = replicas.clients(history);
				Workload workload = new Workload(clients, keys, 7);
				workload.start(2);
				long beforeStart = history.now();
				Thread.sleep(phase);
				long addStarted = history.now();
				Answer added = clients.get(0).addShard("shard-4", redis.shard(4).primary().uri());
				long addEnded = history.now();
				Thread.sleep(phase);
				long afterEnd = history.now();
				workload.stop();
				if (added.status() != 200) {
					throw new IllegalStateException("adding shard-4 failed: " + added.status() + " " + added.body());
				}
				long moved = added.json().get("keysMoved").asLong();
				double migration = (addEnded - addStarted) / 1e9;

				StringBuilder table = new StringBuilder();
				table.append(String.format(Locale.ROOT,
						"Cache of %,d keys, 4 shards + 1 added, 3 replicas, 6 clients; migration: %,d keys moved in %.1f s (%,.0f keys/s)%n%n",
						keys, moved, migration, moved / migration));
				table.append("| phase | length | operations | errors | GET p50 | GET p99 | PUT p50 | PUT p99 |\n");
				table.append("|---|---|---|---|---|---|---|---|\n");
				table.append(row("before the add", history, beforeStart, addStarted));
				table.append(row("during the add", history, addStarted, addEnded));
				table.append(row("after the add", history, addEnded, afterEnd));
				System.out.println(table);
				Files.writeString(out.resolve("resharding.md"), table);
			}
		}
		finally {
			redis.close();
		}
	}

	/** Latencies of the operations sent within [from, to). */
	private static String row(String name, History history, long from, long to) {
		List<CacheOperation> ops = history.operations()
			.stream()
			.filter((op) -> op.invoked() >= from && op.invoked() < to)
			.toList();
		long errors = ops.stream().filter((op) -> op.outcome() != CacheOperation.Outcome.OK).count();
		return String.format(Locale.ROOT, "| %s | %.1f s | %,d | %,d | %s | %s | %s | %s |%n", name, (to - from) / 1e9,
				ops.size(), errors, percentile(ops, Type.GET, 0.50), percentile(ops, Type.GET, 0.99),
				percentile(ops, Type.PUT, 0.50), percentile(ops, Type.PUT, 0.99));
	}

	private static String percentile(List<CacheOperation> ops, Type type, double quantile) {
		long[] latencies = ops.stream()
			.filter((op) -> op.type() == type && op.outcome() == CacheOperation.Outcome.OK)
			.mapToLong((op) -> op.completed() - op.invoked())
			.sorted()
			.toArray();
		if (latencies.length == 0) {
			return "–";
		}
		long nanos = latencies[Math.min(latencies.length - 1, (int) Math.ceil(quantile * latencies.length) - 1)];
		return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
	}

}
