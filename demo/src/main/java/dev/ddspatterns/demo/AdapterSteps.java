package dev.ddspatterns.demo;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tour's adapter step: what every app offers the systems around it, whatever the app
 * does. One metrics format (Prometheus, labelled with the app and the replica), one log
 * format (ECS JSON with the same fields), and readiness made of real checks.
 */
final class AdapterSteps {

	/** The fields a log pipeline can count on in every line of every app. */
	private static final Set<String> LOG_FIELDS = Set.of("@timestamp", "log.level", "service.name", "message");

	private final TourClient client;

	private final JsonMapper json;

	private final Stack stack;

	AdapterSteps(TourClient client, Stack stack) {
		this.client = client;
		this.json = client.mapper();
		this.stack = stack;
	}

	boolean adapters() throws Exception {
		boolean passed = true;
		Map<String, Integer> series = new LinkedHashMap<>();
		Set<String> logFields = null;
		Map<String, String> readiness = new LinkedHashMap<>();
		for (AppProcess app : this.stack.apps().values()) {
			String scrape = TourClient.expect(get(app, "/actuator/prometheus"), 200).body();
			long lines = scrape.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).count();
			long labelled = scrape.lines().filter((line) -> line.contains("instance=\"")).count();
			series.put(app.name(), (int) lines);
			passed &= lines > 0 && labelled == lines;
			Set<String> fields = lastLogLineFields(app);
			logFields = (logFields == null) ? fields : intersection(logFields, fields);
			HttpResponse<String> ready = get(app, "/readyz");
			readiness.put(app.name(), ready.statusCode() + " " + components(ready.body()));
			passed &= ready.statusCode() == 200;
		}
		System.out.printf("   monitoring: Prometheus series per app, each labelled application= and instance=: %s%n",
				series);
		System.out.printf("   logging: fields in the last log line of every app (ECS JSON): %s%n", logFields);
		readiness.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().matches(".*\\[.*\\w.*\\]")
					&& !entry.getValue().endsWith("[readinessState]"))
			.forEach((entry) -> System.out.printf("   health: %s /readyz -> %s%n", entry.getKey(), entry.getValue()));
		return passed && logFields != null && logFields.containsAll(LOG_FIELDS);
	}

	private Set<String> lastLogLineFields(AppProcess app) throws IOException {
		List<String> lines = Files.readAllLines(app.log(), StandardCharsets.UTF_8);
		for (String line : lines.reversed()) {
			if (line.startsWith("{")) {
				Set<String> fields = new TreeSet<>();
				flatten("", this.json.readTree(line), fields);
				return fields;
			}
		}
		return Set.of();
	}

	/** ECS nests {@code log.level} as {@code "log":{"level":...}}; both read the same. */
	private static void flatten(String prefix, JsonNode node, Set<String> fields) {
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			String name = prefix + field.getKey();
			if (field.getValue().isObject()) {
				flatten(name + ".", field.getValue(), fields);
			}
			else {
				fields.add(name);
			}
		}
	}

	private List<String> components(String health) {
		List<String> names = new ArrayList<>();
		Iterator<String> components = this.json.readTree(health).path("components").propertyNames().iterator();
		components.forEachRemaining(names::add);
		return names;
	}

	private HttpResponse<String> get(AppProcess app, String path) throws IOException, InterruptedException {
		return this.client.get(app.uri().resolve(path));
	}

	private static Set<String> intersection(Set<String> left, Set<String> right) {
		Set<String> both = new TreeSet<>(left);
		both.retainAll(right);
		return both;
	}

}
