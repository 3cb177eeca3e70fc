package dev.ddspatterns.demo;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an app's metrics the way Prometheus does, from {@code /actuator/prometheus}, so a
 * tour step can show what a dashboard would.
 */
final class Scrape {

	private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);

	private Scrape() {
	}

	/**
	 * @param client the tour's client
	 * @param port the app's port
	 * @param name a sample name, such as {@code search_root_hedges_sent_total}
	 * @param label a fragment every counted sample's labels contain, such as
	 * {@code shard="0"}; empty for all
	 * @return the sum of the matching samples, 0 if there are none
	 */
	static double sum(TourClient client, int port, String name, String label) throws IOException, InterruptedException {
		Matcher sample = SAMPLE.matcher(scrape(client, port));
		double sum = 0;
		while (sample.find()) {
			if (sample.group(1).equals(name) && sample.group(2).contains(label)) {
				sum += Double.parseDouble(sample.group(3));
			}
		}
		return sum;
	}

	/**
	 * @param client the tour's client
	 * @param port the app's port
	 * @param name a sample name
	 * @param label the label to group by, such as {@code stage}
	 * @return the sum of the samples per value of that label
	 */
	static Map<String, Double> sumBy(TourClient client, int port, String name, String label)
			throws IOException, InterruptedException {
		Pattern value = Pattern.compile("(?:^|,)" + label + "=\"([^\"]*)\"");
		Map<String, Double> sums = new TreeMap<>();
		Matcher sample = SAMPLE.matcher(scrape(client, port));
		while (sample.find()) {
			Matcher labelled = value.matcher(sample.group(2));
			if (sample.group(1).equals(name) && labelled.find()) {
				sums.merge(labelled.group(1), Double.parseDouble(sample.group(3)), Double::sum);
			}
		}
		return sums;
	}

	private static String scrape(TourClient client, int port) throws IOException, InterruptedException {
		return TourClient.expect(client.get(URI.create("http://localhost:" + port + "/actuator/prometheus")), 200)
			.body();
	}

}
