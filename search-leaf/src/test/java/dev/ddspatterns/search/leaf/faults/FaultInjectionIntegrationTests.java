package dev.ddspatterns.search.leaf.faults;

import java.time.Duration;

import dev.ddspatterns.search.leaf.RunningLeaf;
import dev.ddspatterns.search.leaf.TestCorpus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Injected faults hit the search endpoints only: probes and the index status keep
 * answering, so a faulty leaf stays in rotation and the root has to cope.
 */
class FaultInjectionIntegrationTests {

	@Test
	void failureRateOneFailsEverySearchWith503() {
		try (RunningLeaf leaf = leaf("suite.search.leaf.faults.failure-rate=1.0").awaitReady()) {
			for (String uri : new String[] { "/v1/search?q=cat", "/v1/stats?q=cat" }) {
				leaf.http()
					.get()
					.uri(uri)
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
					.expectBody()
					.jsonPath("$.type")
					.isEqualTo("urn:dds-suite:problem:unavailable");
			}
			assertThat(leaf.status("/v1/index")).isEqualTo(200);
			assertThat(leaf.status("/readyz")).isEqualTo(200);
			assertThat(
					leaf.bean(MeterRegistry.class).get("search.leaf.requests").tag("outcome", "server-error").timers())
				.hasSize(2)
				.extracting(Timer::count)
				.containsOnly(1L);
		}
	}

	@Test
	void delayFractionOneSlowsEverySearchByTheDelay() {
		try (RunningLeaf leaf = leaf("suite.search.leaf.faults.delay-fraction=1.0",
				"suite.search.leaf.faults.delay=200ms")
			.awaitReady()) {
			for (String uri : new String[] { "/v1/search?q=cat", "/v1/stats?q=cat" }) {
				long started = System.nanoTime();
				assertThat(leaf.status(uri)).isEqualTo(200);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).as(uri)
					.isGreaterThanOrEqualTo(Duration.ofMillis(200));
			}
		}
	}

	private static RunningLeaf leaf(String... faults) {
		String[] properties = new String[faults.length + 1];
		properties[0] = "suite.search.leaf.corpus=" + TestCorpus.directory();
		System.arraycopy(faults, 0, properties, 1, faults.length);
		return RunningLeaf.start(properties);
	}

}
