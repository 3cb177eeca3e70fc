package dev.ddspatterns.election;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.ddspatterns.testsupport.InfrastructureMode;
import dev.ddspatterns.testsupport.redis.RedisServers;

/**
 * Measures failover over many trials against a real Redis and three replica processes:
 * the gap from killing the leader (SIGKILL, so nothing is released) to its successor's
 * election, as a multiple of the lease ttl, and the gap from stopping it gracefully
 * (SIGTERM, so it releases the lease and announces it). A replacement replica is started
 * after every trial. System properties: {@code bench.trials} (20 of each kind),
 * {@code bench.ttl} (lease ttl in milliseconds, 3000) and {@code bench.out} (where the
 * Markdown table goes). Run with
 * {@code ./mvnw -pl election-demo -am -Pbench -DskipTests verify}.
 */
public final class FailoverBenchmark {

	private FailoverBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int trials = Integer.getInteger("bench.trials", 20);
		Duration ttl = Duration.ofMillis(Long.getLong("bench.ttl", 3000));
		Path out = Files.createDirectories(Path.of(System.getProperty("bench.out", "target/bench")));
		RedisServers redis = RedisServers.single();
		redis.start(InfrastructureMode.fromSystemProperty());
		List<ReplicaProcess> replicas = new ArrayList<>();
		List<ReplicaProcess> all = new ArrayList<>();
		List<Duration> killed = new ArrayList<>();
		List<Duration> stopped = new ArrayList<>();
		try {
			List<String> properties = List.of("spring.data.redis.host=" + redis.server().host(),
					"spring.data.redis.port=" + redis.server().port(),
					"suite.election.lease-ttl=" + ttl.toMillis() + "ms");
			for (int i = 0; i < 3; i++) {
				replicas.add(ReplicaProcess.launch("replica-" + i, out.resolve("replica-" + i + ".log"), properties));
			}
			all.addAll(replicas);
			replicas.forEach(ReplicaProcess::awaitReady);
			for (int trial = 0; trial < 2 * trials; trial++) {
				boolean graceful = trial % 2 == 1;
				ReplicaProcess leader = ReplicaProcess.awaitOneLeader(replicas);
				replicas.remove(leader);
				Instant at = Instant.now();
				if (graceful) {
					leader.terminate();
				}
				else {
					leader.kill();
				}
				ReplicaProcess successor = ReplicaProcess.awaitOneLeader(replicas);
				Duration gap = Duration.between(at, Objects.requireNonNull(successor.client().leader().since()));
				(graceful ? stopped : killed).add(gap);
				System.out.printf("trial %d %s: %d ms%n", trial, graceful ? "graceful" : "kill", gap.toMillis());
				String id = "replica-" + (3 + trial);
				ReplicaProcess replacement = ReplicaProcess.launch(id, out.resolve(id + ".log"), properties);
				all.add(replacement);
				replicas.add(replacement);
				replacement.awaitReady();
			}
		}
		finally {
			all.forEach(ReplicaProcess::close);
			redis.close();
		}
		String table = "| Failover (ttl " + ttl.toMillis() + " ms, renewal " + ttl.dividedBy(3).toMillis() + " ms, "
				+ trials + " trials each) | min | median | max |\n|---|---|---|---|\n"
				+ row("Leader killed (SIGKILL): gap / ttl", killed, ttl) + row("Leader killed: gap, ms", killed, null)
				+ row("Leader stopped gracefully (SIGTERM): gap, ms", stopped, null);
		Files.writeString(out.resolve("election.md"), table);
		System.out.println(table);
	}

	private static String row(String name, List<Duration> gaps, Duration ttl) {
		List<Double> values = gaps.stream()
			.map((gap) -> (ttl != null) ? (double) gap.toMillis() / ttl.toMillis() : (double) gap.toMillis())
			.sorted()
			.toList();
		String format = (ttl != null) ? "%.2f" : "%.0f";
		return "| " + name + " | " + String.format(format, values.get(0)) + " | "
				+ String.format(format, values.get(values.size() / 2)) + " | "
				+ String.format(format, values.get(values.size() - 1)) + " |\n";
	}

}
