package dev.ddspatterns.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
	 * @param http the client
	 * @param port the app's port
	 * @param name a sample name, such as {@code search_root_hedges_sent_total}
	 * @param label a fragment every counted sample's labels contain, such as
	 * {@code shard="0"}; empty for all
	 * @return the sum of the matching samples, 0 if there are none
	 */
	static double sum(HttpClient http, int port, String name, String label) throws IOException, InterruptedException {
		String scrape = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher sample = SAMPLE.matcher(scrape);
		double sum = 0;
		while (sample.find()) {
			if (sample.group(1).equals(name) && sample.group(2).contains(label)) {
				sum += Double.parseDouble(sample.group(3));
			}
		}
		return sum;
	}

}
