package dev.ddspatterns.search.root;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A leaf that is down or frozen costs completeness, not availability: the root answers
 * 200 within its deadline, marks the answer partial and names the missing shards.
 */
class PartialResultsIntegrationTests {

	static final Duration DEADLINE = Duration.ofMillis(1500);

	static final List<RunningApp> apps = new ArrayList<>();

	static RunningApp stoppable;

	static RunningApp root;

	@BeforeAll
	static void start() {
		RunningApp healthy = RunningApp.leaf(0, 3, Map.of());
		stoppable = RunningApp.leaf(1, 3, Map.of());
		RunningApp frozen = RunningApp.leaf(2, 3,
				Map.of("suite.search.leaf.faults.delay-fraction", 1.0, "suite.search.leaf.faults.delay", "3s"));
		apps.addAll(List.of(healthy, stoppable, frozen));
		root = RunningApp.root(List.of(List.of(healthy), List.of(stoppable), List.of(frozen)),
				Map.of("suite.search.deadline", DEADLINE.toMillis() + "ms"));
		apps.add(root);
	}

	@AfterAll
	static void stop() {
		apps.stream().filter(RunningApp::isRunning).forEach(RunningApp::close);
	}

	@Test
	void frozenAndStoppedLeavesAreReportedMissingWithinTheDeadline() {
		RootClient http = new RootClient(root);
		// Warm up: a cold JVM and fresh connections can miss the deadline on their own.
		for (int i = 0; i < 5; i++) {
			http.search("wolf", true);
		}

		RootClient.SearchAnswer withFrozenLeaf = timedSearch(http);
		assertThat(withFrozenLeaf.partial()).isTrue();
		assertThat(withFrozenLeaf.missingShards()).containsExactly(2);
		assertThat(withFrozenLeaf.hits()).isNotEmpty().allSatisfy((hit) -> assertThat(hit.shard()).isIn(0, 1));

		http.http()
			.get()
			.uri("/v1/search?q={q}&dfs=true", "lion OR fox")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");

		stoppable.close();
		RootClient.SearchAnswer withStoppedLeaf = timedSearch(http);
		assertThat(withStoppedLeaf.partial()).isTrue();
		assertThat(withStoppedLeaf.missingShards()).containsExactly(1, 2);
		assertThat(withStoppedLeaf.hits()).allSatisfy((hit) -> assertThat(hit.shard()).isEqualTo(0));
	}

	private static RootClient.SearchAnswer timedSearch(RootClient http) {
		long started = System.nanoTime();
		RootClient.SearchAnswer answer = http.search("lion OR fox", true);
		// The deadline covers both rounds. A root that waited for the frozen leaf would
		// never answer; three deadlines leave room for the HTTP hop and a busy machine.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.multipliedBy(3));
		return answer;
	}

}
