package dev.ddspatterns.console.panels;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A quantile from a Prometheus histogram's buckets, as PromQL's
 * {@code histogram_quantile} computes it: find the bucket the quantile's rank falls in
 * and interpolate linearly within it. Given the buckets' growth since the previous
 * reading, it is the quantile of the requests of that interval, not of the app's whole
 * life.
 */
final class Histograms {

	private Histograms() {
	}

	/**
	 * @param q the quantile, such as 0.95
	 * @param buckets each bucket's cumulative count by its upper bound ({@code le}),
	 * {@code +Inf} included
	 * @return the quantile, in the buckets' unit; {@code NaN} if they count nothing
	 */
	static double quantile(double q, Map<Double, Double> buckets) {
		NavigableMap<Double, Double> sorted = new TreeMap<>(buckets);
		if (sorted.isEmpty() || sorted.lastEntry().getValue() <= 0) {
			return Double.NaN;
		}
		double rank = q * sorted.lastEntry().getValue();
		double lowerBound = 0;
		double lowerCount = 0;
		for (Map.Entry<Double, Double> bucket : sorted.entrySet()) {
			if (bucket.getValue() >= rank) {
				if (bucket.getKey().isInfinite()) {
					// Beyond the largest finite bound: its bound is all that is known.
					return lowerBound;
				}
				double inBucket = bucket.getValue() - lowerCount;
				return (inBucket <= 0) ? bucket.getKey()
						: lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
			}
			lowerBound = bucket.getKey();
			lowerCount = bucket.getValue();
		}
		return lowerBound;
	}

}
