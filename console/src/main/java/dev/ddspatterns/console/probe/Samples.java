package dev.ddspatterns.console.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples of a Prometheus text page ({@code /actuator/prometheus}): each a metric
 * name, its labels and a value. Comments, histograms' buckets and anything that does not
 * parse are skipped; the panels read counters and gauges by name and label.
 *
 * @param samples every sample, in the page's order
 */
public record Samples(List<Sample> samples) {

	/**
	 * One line of the page.
	 *
	 * @param name the metric's name
	 * @param labels its labels
	 * @param value its value
	 */
	public record Sample(String name, Map<String, String> labels, double value) {
	}

	/**
	 * @param text a page in the Prometheus text format
	 * @return its samples
	 */
	public static Samples parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			Sample sample = line.isBlank() || line.startsWith("#") ? null : sample(line.strip());
			if (sample != null) {
				samples.add(sample);
			}
		}
		return new Samples(List.copyOf(samples));
	}

	/**
	 * @param pages the samples of several instances
	 * @return them all, as one page
	 */
	public static Samples of(Collection<Samples> pages) {
		return new Samples(pages.stream().flatMap((page) -> page.samples().stream()).toList());
	}

	/**
	 * @param name a metric's name
	 * @return the sum of its samples
	 */
	public double sum(String name) {
		return this.samples.stream().filter((s) -> s.name().equals(name)).mapToDouble(Sample::value).sum();
	}

	/**
	 * @param name a metric's name
	 * @param label one of its labels
	 * @return its samples summed by that label's value, in the label's order
	 */
	public Map<String, Double> sumBy(String name, String label) {
		Map<String, Double> sums = new TreeMap<>();
		for (Sample sample : this.samples) {
			String value = sample.labels().get(label);
			if (sample.name().equals(name) && value != null) {
				sums.merge(value, sample.value(), Double::sum);
			}
		}
		return sums;
	}

	/**
	 * @param name a metric's name
	 * @param first one of its labels
	 * @param second another
	 * @return its samples summed by the first label's value, then the second's
	 */
	public Map<String, Map<String, Double>> sumBy(String name, String first, String second) {
		Map<String, Map<String, Double>> sums = new TreeMap<>();
		for (Sample sample : this.samples) {
			String a = sample.labels().get(first);
			String b = sample.labels().get(second);
			if (sample.name().equals(name) && a != null && b != null) {
				sums.computeIfAbsent(a, (key) -> new TreeMap<>()).merge(b, sample.value(), Double::sum);
			}
		}
		return sums;
	}

	private static Sample sample(String line) {
		int brace = line.indexOf('{');
		int space;
		String name;
		Map<String, String> labels = new LinkedHashMap<>();
		if (brace >= 0) {
			int close = line.lastIndexOf('}');
			if (close < brace) {
				return null;
			}
			name = line.substring(0, brace);
			if (!labels(line.substring(brace + 1, close), labels)) {
				return null;
			}
			space = close + 1;
		}
		else {
			space = line.indexOf(' ');
			if (space < 0) {
				return null;
			}
			name = line.substring(0, space);
		}
		String[] rest = line.substring(space).strip().split(" ");
		try {
			return new Sample(name, Map.copyOf(labels), Double.parseDouble(rest[0]));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Reads {@code a="x",b="y"}, with the format's escapes in values. */
	private static boolean labels(String text, Map<String, String> labels) {
		int i = 0;
		while (i < text.length()) {
			int equals = text.indexOf('=', i);
			if (equals < 0 || equals + 1 >= text.length() || text.charAt(equals + 1) != '"') {
				return false;
			}
			String key = text.substring(i, equals).strip();
			StringBuilder value = new StringBuilder();
			int j = equals + 2;
			while (j < text.length() && text.charAt(j) != '"') {
				char c = text.charAt(j);
				if (c == '\\' && j + 1 < text.length()) {
					char next = text.charAt(++j);
					value.append((next == 'n') ? '\n' : next);
				}
				else {
					value.append(c);
				}
				j++;
			}
			if (j >= text.length()) {
				return false;
			}
			labels.put(key, value.toString());
			i = j + 1;
			while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
				i++;
			}
		}
		return true;
	}

}
