package dev.ddspatterns.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as `docker compose config` would read it, checked without an engine:
 * variables interpolated from containers/versions.env (the repository's .env), YAML
 * anchors and merge keys expanded; then the rules the suite holds itself to. Images
 * pinned, references that resolve, health checks behind every health condition, memory
 * limits, ports on loopback.
 */
class ComposeFileTests {

	/** ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message}. */
	private static final Pattern VARIABLE = Pattern
		.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|(:?\\?)([^}]*))?}");

	private static String raw;

	private static Map<String, String> environment;

	private static Map<String, Object> compose;

	private static Map<String, Map<String, Object>> services;

	@BeforeAll
	static void read() throws IOException {
		Path root = SuiteImages.root();
		raw = Files.readString(root.resolve("docker-compose.yml"));
		environment = SuiteImages.variables(root.resolve(".env"));
		compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(interpolate(raw, environment));
		services = map(compose.get("services"));
	}

	@Test
	void theRepositorysEnvFileIsThePinnedVersions() throws IOException {
		Path root = SuiteImages.root();
		assertThat(root.resolve(".env").toRealPath()).isEqualTo(root.resolve("containers/versions.env").toRealPath());
	}

	@Test
	void everyImageIsPinnedToAnExactVersion() {
		String version = System.getProperty("suite.version", "0.1.0-SNAPSHOT");
		assertThat(services).isNotEmpty().allSatisfy((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name).isNotBlank();
			String tag = image.substring(image.lastIndexOf(':') + 1);
			assertThat(image).as(name).contains(":");
			assertThat(tag).as(name).isNotEqualTo("latest").containsPattern("[0-9]");
			if (image.startsWith("dds-patterns/") && !image.startsWith("dds-patterns/toolbox:")) {
				// The suite's own images, at the version this build makes.
				assertThat(tag).as(name).isEqualTo(version);
				assertThat(service.get("pull_policy")).as(name).isEqualTo("never");
			}
			else {
				// Everything else comes from versions.env, the one place versions are
				// pinned.
				assertThat(environment.values()).as(name).contains(image);
			}
		});
	}

	@Test
	void everyVariableIsSetOrHasADefault() {
		Matcher matcher = VARIABLE.matcher(raw);
		List<String> unset = new ArrayList<>();
		while (matcher.find()) {
			boolean hasDefault = matcher.group(2) != null;
			if (!hasDefault && !environment.containsKey(matcher.group(1))) {
				unset.add(matcher.group());
			}
		}
		assertThat(unset).isEmpty();
		assertThat(raw).doesNotContain("${}");
	}

	@Test
	void dependenciesNameServicesAndHealthConditionsHaveHealthChecks() {
		services.forEach((name, service) -> dependencies(service).forEach((dependency, condition) -> {
			assertThat(services).as(name + " depends on " + dependency).containsKey(dependency);
			Map<String, Object> target = services.get(dependency);
			switch (condition) {
				case "service_healthy" ->
					assertThat(target.get("healthcheck")).as(name + " waits for " + dependency + " to be healthy")
						.isNotNull();
				case "service_completed_successfully" ->
					assertThat(target.get("restart")).as(dependency + " is a one-shot that " + name + " waits for")
						.isNull();
				case "service_started" -> {
				}
				default -> throw new AssertionError(name + ": unknown condition " + condition);
			}
		}));
	}

	@Test
	void namedVolumesAreDeclaredAndBindMountsAreInTheRepository() {
		Map<String, Object> declared = map(compose.getOrDefault("volumes", Map.of()));
		services.forEach((name, service) -> list(service.get("volumes")).forEach((entry) -> {
			String source = ((String) entry).split(":")[0];
			if (source.startsWith("./")) {
				assertThat(SuiteImages.root().resolve(source)).as(name + " mounts " + source).exists();
			}
			else {
				assertThat(declared).as(name + " mounts volume " + source).containsKey(source);
			}
		}));
	}

	@Test
	void everyLongRunningServiceHasAMemoryLimitAndNoFixedContainerName() {
		services.forEach((name, service) -> {
			assertThat(service).as(name).doesNotContainKey("container_name");
			Map<String, Object> limits = map(
					map(map(service.getOrDefault("deploy", Map.of())).getOrDefault("resources", Map.of()))
						.getOrDefault("limits", Map.of()));
			if (service.get("restart") != null) {
				assertThat(limits.get("memory")).as(name + " memory limit").isNotNull();
			}
		});
	}

	/**
	 * Fencing tokens and the ledgers survive a restart of the election's Redis: every
	 * write is appended and fsynced before Redis answers, to a named volume.
	 */
	@Test
	void theElectionStoreFsyncsEveryWriteToANamedVolume() {
		Map<String, Object> redis = map(services.get("redis-election"));
		assertThat(String.join(" ", list(redis.get("command")).stream().map(String::valueOf).toList()))
			.contains("--appendonly yes", "--appendfsync always", "--dir /data");
		assertThat(list(redis.get("volumes")).stream().map(String::valueOf).toList())
			.containsExactly("election-data:/data");
		assertThat(map(compose.get("volumes"))).containsKey("election-data");
	}

	@Test
	void publishedPortsListenOnLoopbackOnly() {
		services.forEach((name, service) -> list(service.get("ports"))
			.forEach((port) -> assertThat((String) port).as(name + " publishes " + port).startsWith("127.0.0.1:")));
	}

	@Test
	void prometheusScrapesServicesThatExist() throws IOException {
		Map<String, Object> prometheus = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(SuiteImages.root().resolve("observability/prometheus/prometheus.yml")));
		List<String> targets = new ArrayList<>();
		for (Object job : list(prometheus.get("scrape_configs"))) {
			for (Object discovery : list(map(job).get("dns_sd_configs"))) {
				list(map(discovery).get("names")).forEach((target) -> targets.add((String) target));
			}
		}
		assertThat(targets).isNotEmpty().allSatisfy((target) -> assertThat(services).containsKey(target));
	}

	/**
	 * Actuator is off the public listeners: every app container gets a management port
	 * ({@code MANAGEMENT_SERVER_PORT}, the same in each, since each container has its own
	 * network namespace) that no service publishes, and Prometheus scrapes the apps
	 * there. The health checks ask {@code /readyz} on the app port, where Spring Boot's
	 * additional path keeps it, never on the management port.
	 */
	@Test
	void actuatorIsOnAManagementPortThatPrometheusScrapesAndNothingPublishes() throws IOException {
		Pattern healthPort = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+) .*GET /readyz ");
		Map<String, String> managementPorts = new TreeMap<>();
		services.forEach((name, service) -> {
			String image = (String) service.get("image");
			if (!image.startsWith("dds-patterns/") || image.startsWith("dds-patterns/toolbox:")) {
				return;
			}
			Object port = map(service.get("environment")).get("MANAGEMENT_SERVER_PORT");
			assertThat(port).as(name + ": MANAGEMENT_SERVER_PORT").isNotNull();
			managementPorts.put(name, port.toString());
			Matcher check = healthPort.matcher((String) map(service.get("healthcheck")).get("test"));
			assertThat(check.find()).as(name + ": its health check asks /readyz").isTrue();
			assertThat(check.group(1)).as(name + ": its health check's port").isNotEqualTo(port.toString());
		});
		assertThat(managementPorts).isNotEmpty();
		assertThat(new HashSet<>(managementPorts.values())).hasSize(1);
		String management = managementPorts.values().iterator().next();
		services.forEach((name, service) -> list(service.get("ports"))
			.forEach((published) -> assertThat((String) published).as(name + " publishes " + published)
				.doesNotEndWith(":" + management)));

		Map<String, Object> prometheus = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(SuiteImages.root().resolve("observability/prometheus/prometheus.yml")));
		Map<String, String> scraped = new TreeMap<>();
		for (Object job : list(prometheus.get("scrape_configs"))) {
			if (!"/actuator/prometheus".equals(map(job).get("metrics_path"))) {
				continue;
			}
			for (Object discovery : list(map(job).get("dns_sd_configs"))) {
				list(map(discovery).get("names"))
					.forEach((target) -> scraped.put((String) target, String.valueOf(map(discovery).get("port"))));
			}
		}
		assertThat(scraped).isEqualTo(managementPorts);
	}

	/**
	 * No Grafana image can be built here, so its wiring is checked as files: the compose
	 * service mounts the provisioning where Grafana reads it and the dashboards where the
	 * provider looks; each dashboard has its own uid and only panels on the provisioned
	 * data source, each with a query (the smoke test runs every query against
	 * Prometheus).
	 */
	@Test
	void grafanaIsProvisionedWithOneDashboardPerPatternFamilyOnThePrometheusDataSource() throws IOException {
		Path grafana = SuiteImages.root().resolve("observability/grafana");
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		Map<String, Object> datasources = yaml
			.load(Files.readString(grafana.resolve("provisioning/datasources/prometheus.yml")));
		Map<String, Object> datasource = map(list(datasources.get("datasources")).get(0));
		assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
		assertThat(services).containsKey("prometheus");
		Map<String, Object> providers = yaml
			.load(Files.readString(grafana.resolve("provisioning/dashboards/dashboards.yml")));
		String dashboardsPath = (String) map(map(list(providers.get("providers")).get(0)).get("options")).get("path");
		assertThat(list(services.get("grafana").get("volumes")).stream().map(String::valueOf)).contains(
				"./observability/grafana/provisioning:/etc/grafana/provisioning:ro",
				"./observability/grafana/dashboards:" + dashboardsPath + ":ro");

		JsonMapper json = JsonMapper.builder().build();
		Map<String, String> titles = new HashMap<>();
		try (var files = Files.list(grafana.resolve("dashboards"))) {
			for (Path file : files.sorted().toList()) {
				JsonNode dashboard = json.readTree(file.toFile());
				assertThat(titles.put(dashboard.get("uid").asString(), dashboard.get("title").asString()))
					.as("uid of " + file.getFileName() + " is its own")
					.isNull();
				assertThat(dashboard.get("panels").values()).as(file.getFileName().toString())
					.isNotEmpty()
					.allSatisfy((panel) -> {
						assertThat(panel.get("datasource").get("uid").asString()).isEqualTo(datasource.get("uid"));
						assertThat(panel.get("targets").values()).isNotEmpty()
							.allSatisfy((target) -> assertThat(target.get("expr").asString()).isNotBlank());
					});
			}
		}
		assertThat(titles.values()).hasSize(5)
			.anySatisfy((title) -> assertThat(title).startsWith("Gateway"))
			.anySatisfy((title) -> assertThat(title).startsWith("Cache"))
			.anySatisfy((title) -> assertThat(title).startsWith("Search"))
			.anySatisfy((title) -> assertThat(title).startsWith("Thumbnailer"))
			.anySatisfy((title) -> assertThat(title).startsWith("Election"));
	}

	private static Map<String, String> dependencies(Map<String, Object> service) {
		Object dependsOn = service.get("depends_on");
		Map<String, String> conditions = new LinkedHashMap<>();
		if (dependsOn instanceof List<?> names) {
			names.forEach((dependency) -> conditions.put((String) dependency, "service_started"));
		}
		else if (dependsOn != null) {
			map(dependsOn).forEach((dependency, spec) -> conditions.put(dependency,
					(String) map(spec).getOrDefault("condition", "service_started")));
		}
		return conditions;
	}

	/**
	 * Compose's interpolation: a set variable, else the default, else an error for `?`.
	 */
	private static String interpolate(String text, Map<String, String> variables) {
		Matcher matcher = VARIABLE.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = variables.get(matcher.group(1));
			boolean emptyCounts = matcher.group(2) != null ? matcher.group(2).startsWith(":")
					: matcher.group(4) != null && matcher.group(4).startsWith(":");
			boolean missing = value == null || (emptyCounts && value.isEmpty());
			if (missing && matcher.group(4) != null) {
				throw new AssertionError("required variable " + matcher.group(1) + " is not set: " + matcher.group(5));
			}
			String replacement = !missing ? value : (matcher.group(3) != null) ? matcher.group(3) : "";
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	@SuppressWarnings("unchecked")
	private static <V> Map<String, V> map(Object value) {
		return (value != null) ? (Map<String, V>) value : Map.of();
	}

	private static List<?> list(Object value) {
		return (value instanceof List<?> list) ? list : List.of();
	}

}
