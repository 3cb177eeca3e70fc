package dev.ddspatterns.election;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.ddspatterns.election.ElectionProperties.Store;
import dev.ddspatterns.testsupport.InfrastructureMode;
import dev.ddspatterns.testsupport.etcd.EtcdServers;
import dev.ddspatterns.testsupport.redis.RedisServers;

/**
 * Measures failover over many trials with three replica processes, on each lease store in
 * turn in one run (a real Redis, then a real three-member etcd; the ledgers are in Redis
 * either way): the gap from killing the leader (SIGKILL, so nothing is released) to its
 * successor's election, as a multiple of the lease ttl, and the gap from stopping it
 * gracefully (SIGTERM, so it releases the lease and announces it). A replacement replica
 * is started after every trial. System properties: {@code bench.trials} (20 of each
 * kind), {@code bench.ttl} (lease ttl in milliseconds, 3000: whole seconds, as etcd
 * counts them), {@code bench.stores} ({@code redis,etcd}) and {@code bench.out} (where
 * the Markdown table goes). Run with
 * {@code ./mvnw -pl election-demo -am -Pbench -DskipTests verify}.
 */
public final class FailoverBenchmark {

	private FailoverBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int trials = Integer.getInteger("bench.trials", 20);
		Duration ttl = Duration.ofMillis(Long.getLong("bench.ttl", 3000));
		Path out = Files.createDirectories(Path.of(System.getProperty("bench.out", "target/bench")));
		StringBuilder table = new StringBuilder(
				"| Failover (ttl " + ttl.toMillis() + " ms, renewal " + ttl.dividedBy(3).toMillis() + " ms, " + trials
						+ " trials each) | store | min | median | max |\n" + "|---|---|---|---|---|\n");
		RedisServers redis = RedisServers.single();
		EtcdServers etcd = EtcdServers.cluster(3);
		redis.start(InfrastructureMode.fromSystemProperty());
		try {
			for (String name : System.getProperty("bench.stores", "redis,etcd").split(",")) {
				Store store = Store.valueOf(name.trim().toUpperCase(Locale.ROOT));
				List<String> properties = new ArrayList<>(List.of("spring.data.redis.host=" + redis.server().host(),
						"spring.data.redis.port=" + redis.server().port(),
						"suite.election.lease-ttl=" + ttl.toMillis() + "ms"));
				if (store == Store.ETCD) {
					etcd.start();
				}
				properties.addAll(StoreSelection.properties(store, etcd));
				Gaps gaps = trials(store, trials, properties, Files.createDirectories(out.resolve(name.trim())));
				table.append(row("Leader killed (SIGKILL): gap / ttl", store, gaps.killed(), ttl))
					.append(row("Leader killed: gap, ms", store, gaps.killed(), null))
					.append(row("Leader stopped gracefully (SIGTERM): gap, ms", store, gaps.stopped(), null));
			}
		}
		finally {
			redis.close();
			etcd.close();
		}
		Files.writeString(out.resolve("election.md"), table);
		System.out.println(table);
	}

	private static Gaps trials(Store store, int trials, List<String> properties, Path logs) throws Exception {
		List<ReplicaProcess> replicas = new ArrayList<>();
		List<ReplicaProcess> all = new ArrayList<>();
		Gaps gaps = new Gaps(new ArrayList<>(), new ArrayList<>());
		try {
			for (int i = 0; i < 3; i++) {
				replicas.add(ReplicaProcess.launch("replica-" + i, logs.resolve("replica-" + i + ".log"), properties));
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
				(graceful ? gaps.stopped() : gaps.killed()).add(gap);
				System.out.printf("%s trial %d %s: %d ms%n", store, trial, graceful ? "graceful" : "kill",
						gap.toMillis());
				String id = "replica-" + (3 + trial);
				ReplicaProcess replacement = ReplicaProcess.launch(id, logs.resolve(id + ".log"), properties);
				all.add(replacement);
				replicas.add(replacement);
				replacement.awaitReady();
			}
		}
		finally {
			all.forEach(ReplicaProcess::close);
		}
		return gaps;
	}

	private static String row(String name, Store store, List<Duration> gaps, Duration ttl) {
		List<Double> values = gaps.stream()
			.map((gap) -> (ttl != null) ? (double) gap.toMillis() / ttl.toMillis() : (double) gap.toMillis())
			.sorted()
			.toList();
		String format = (ttl != null) ? "%.2f" : "%.0f";
		return "| " + name + " | " + store.name().toLowerCase(Locale.ROOT) + " | "
				+ String.format(Locale.ROOT, format, values.get(0)) + " | "
				+ String.format(Locale.ROOT, format, values.get(values.size() / 2)) + " | "
				+ String.format(Locale.ROOT, format, values.get(values.size() - 1)) + " |\n";
	}

	private record Gaps(List<Duration> killed, List<Duration> stopped) {
	}

}
