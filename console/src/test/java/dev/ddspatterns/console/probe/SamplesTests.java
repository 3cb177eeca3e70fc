package dev.ddspatterns.console.probe;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SamplesTests {

	private static final String PAGE = """
			# HELP gateway_ratelimit_requests_total Requests the limiter decided on
			# TYPE gateway_ratelimit_requests_total counter
			gateway_ratelimit_requests_total{application="gateway",outcome="allowed",route="cache"} 48.0
			gateway_ratelimit_requests_total{application="gateway",outcome="limited",route="cache"} 8.0
			gateway_ratelimit_requests_total{application="gateway",outcome="allowed",route="search"} 3.0
			search_root_partial_total 2.0
			odd_label{text="a \\"quoted\\", value"} 1.0
			broken{unterminated="x} 1
			not_a_number NaNx
			""";

	@Test
	void countersAreSummedByLabel() {
		Samples samples = Samples.parse(PAGE);
		assertThat(samples.sumBy("gateway_ratelimit_requests_total", "route"))
			.isEqualTo(Map.of("cache", 56.0, "search", 3.0));
		assertThat(samples.sumBy("gateway_ratelimit_requests_total", "route", "outcome"))
			.isEqualTo(Map.of("cache", Map.of("allowed", 48.0, "limited", 8.0), "search", Map.of("allowed", 3.0)));
		assertThat(samples.sum("search_root_partial_total")).isEqualTo(2.0);
	}

	@Test
	void escapedLabelValuesAreReadAndBrokenLinesSkipped() {
		Samples samples = Samples.parse(PAGE);
		assertThat(samples.sumBy("odd_label", "text")).isEqualTo(Map.of("a \"quoted\", value", 1.0));
		assertThat(samples.samples()).extracting(Samples.Sample::name).doesNotContain("broken", "not_a_number");
	}

	@Test
	void pagesOfSeveralInstancesAddUp() {
		Samples one = Samples.parse("election_ledger_rejected_total{ledger=\"leader\"} 2.0\n");
		Samples two = Samples.parse("election_ledger_rejected_total{ledger=\"leader\"} 3.0\n");
		assertThat(Samples.of(List.of(one, two)).sum("election_ledger_rejected_total")).isEqualTo(5.0);
	}

}
