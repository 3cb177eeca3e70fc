package dev.ddspatterns.console.panels;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns counters into rates: each counter's growth since the previous reading, per
 * second. A counter that went down (its service restarted) starts again from its new
 * value.
 */
final class Rates {

	private final Clock clock;

	private final Map<String, Reading> previous = new HashMap<>();

	private record Reading(Instant at, Map<String, Double> counters) {
	}

	Rates(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @param series which counters these are
	 * @param counters their values now, by name
	 * @return each one's growth per second since the previous call for the same series;
	 * empty on the first
	 */
	synchronized Map<String, Double> perSecond(String series, Map<String, Double> counters) {
		Instant now = this.clock.instant();
		Reading before = this.previous.put(series, new Reading(now, Map.copyOf(counters)));
		Map<String, Double> rates = new TreeMap<>();
		if (before == null) {
			return rates;
		}
		double seconds = (now.toEpochMilli() - before.at().toEpochMilli()) / 1000.0;
		if (seconds <= 0) {
			return rates;
		}
		counters.forEach((name, value) -> {
			double old = before.counters().getOrDefault(name, 0.0);
			rates.put(name, ((value >= old) ? value - old : value) / seconds);
		});
		return rates;
	}

}
