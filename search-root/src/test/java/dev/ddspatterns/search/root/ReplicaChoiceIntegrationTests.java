package dev.ddspatterns.search.root;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One query, one replica per shard: the replica that reported a shard's statistics is the
 * one that scores the query with them. Two real replicas of one shard, hedging off so
 * every round is exactly one leaf request; each replica's own request counters
 * ({@code search.leaf.requests}, by phase) say which one served each round.
 */
class ReplicaChoiceIntegrationTests {

	static final int QUERIES = 6;

	static final List<RunningApp> apps = new ArrayList<>();

	static List<RunningApp> replicas;

	static RunningApp root;

	@BeforeAll
	static void start() {
		replicas = List.of(RunningApp.leaf(0, 1, Map.of()), RunningApp.leaf(0, 1, Map.of()));
		apps.addAll(replicas);
		root = RunningApp.root(List.of(replicas),
				Map.of("suite.search.hedging.enabled", false, "suite.search.deadline", "5s"));
		apps.add(root);
	}

	@AfterAll
	static void stop() {
		apps.forEach(RunningApp::close);
	}

	@Test
	void bothRoundsOfAQueryGoToTheSameReplicaAndQueriesTakeTurns() {
		RootClient http = new RootClient(root);
		List<Integer> servedBy = new ArrayList<>();
		for (int i = 0; i < QUERIES; i++) {
			long[] statsBefore = served("stats");
			long[] searchBefore = served("search");
			assertThat(http.search("wolf lamb", true).partial()).isFalse();
			// A leaf counts a request once it has sent the answer, so the root may have
			// it first: wait for both rounds to be counted.
			long[][] after = new long[2][];
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				after[0] = served("stats");
				after[1] = served("search");
				return sum(after[0]) == sum(statsBefore) + 1 && sum(after[1]) == sum(searchBefore) + 1;
			});
			int statistics = replicaThatServed(statsBefore, after[0]);
			int search = replicaThatServed(searchBefore, after[1]);
			assertThat(search).as("replica that scored query %d with the statistics of replica %d", i, statistics)
				.isEqualTo(statistics);
			servedBy.add(search);
		}
		// The turn advances once per query, so the replicas share the queries evenly.
		assertThat(servedBy).as("replica that served each query")
			.filteredOn((replica) -> replica == 0)
			.hasSize(QUERIES / 2);
	}

	/** Requests of one phase each replica has answered so far. */
	private static long[] served(String phase) {
		return replicas.stream()
			.mapToLong((leaf) -> leaf.bean(MeterRegistry.class)
				.find("search.leaf.requests")
				.tag("phase", phase)
				.timers()
				.stream()
				.mapToLong(Timer::count)
				.sum())
			.toArray();
	}

	private static long sum(long[] counts) {
		return Arrays.stream(counts).sum();
	}

	private static int replicaThatServed(long[] before, long[] after) {
		for (int r = 0; r < before.length; r++) {
			if (after[r] > before[r]) {
				return r;
			}
		}
		throw new AssertionError("no replica served the round");
	}

}
