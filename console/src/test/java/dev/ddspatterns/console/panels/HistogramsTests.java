package dev.ddspatterns.console.panels;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HistogramsTests {

	@Test
	void theQuantileIsInterpolatedInTheBucketItsRankFallsIn() {
		// 100 requests: 50 under 10 ms, 40 more under 20 ms, 10 more under 100 ms.
		Map<Double, Double> buckets = Map.of(0.010, 50.0, 0.020, 90.0, 0.100, 100.0, Double.POSITIVE_INFINITY, 100.0);
		assertThat(Histograms.quantile(0.5, buckets)).isCloseTo(0.010, within(1e-9));
		assertThat(Histograms.quantile(0.95, buckets)).isCloseTo(0.020 + 0.080 * 0.5, within(1e-9));
		assertThat(Histograms.quantile(0.25, buckets)).isCloseTo(0.005, within(1e-9));
	}

	@Test
	void aRankBeyondTheLargestFiniteBoundIsThatBound() {
		Map<Double, Double> buckets = Map.of(0.010, 1.0, Double.POSITIVE_INFINITY, 10.0);
		assertThat(Histograms.quantile(0.95, buckets)).isEqualTo(0.010);
	}

	@Test
	void noRequestsNoQuantile() {
		assertThat(Histograms.quantile(0.95, Map.of(0.010, 0.0, Double.POSITIVE_INFINITY, 0.0))).isNaN();
		assertThat(Histograms.quantile(0.95, Map.of())).isNaN();
	}

}
