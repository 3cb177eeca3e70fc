package dev.ddspatterns.search.root;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The adaptive hedge delay: the configured percentile of the recent latencies. */
class LatencyWindowTests {

	static final Duration INITIAL = Duration.ofMillis(50);

	@Test
	void theInitialDelayHoldsUntilEnoughLatenciesAreSeen() {
		LatencyWindow window = new LatencyWindow(512, 0.95, INITIAL);
		for (int i = 0; i < 19; i++) {
			window.record(Duration.ofMillis(1));
		}
		assertThat(window.percentile()).isEqualTo(INITIAL);
	}

	@Test
	void thePercentileIsTheLatencyBelowWhichThatShareOfCallsFinished() {
		LatencyWindow window = new LatencyWindow(512, 0.95, INITIAL);
		// 1 ms to 96 ms, scrambled (37 and 96 are coprime); 96 is a multiple of the
		// recomputation step of 8
		for (int i = 0; i < 96; i++) {
			window.record(Duration.ofMillis((i * 37) % 96 + 1));
		}
		// ceil(0.95 × 96) = 92: the 92nd smallest
		assertThat(window.percentile()).isEqualTo(Duration.ofMillis(92));
	}

	@Test
	void onlyTheLastCapacityLatenciesCount() {
		LatencyWindow window = new LatencyWindow(32, 0.95, INITIAL);
		for (int i = 0; i < 32; i++) {
			window.record(Duration.ofSeconds(1));
		}
		assertThat(window.percentile()).isEqualTo(Duration.ofSeconds(1));
		for (int i = 0; i < 32; i++) {
			window.record(Duration.ofMillis(3));
		}
		assertThat(window.percentile()).isEqualTo(Duration.ofMillis(3));
	}

}
