package dev.ddspatterns.search.root;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.search.leaf.SearchLeafApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * A real leaf or root application started by a test on a random port, in this JVM,
 * talking real HTTP. Started ready: the call returns once {@code /readyz} says so.
 */
final class RunningApp implements AutoCloseable {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final ConfigurableApplicationContext context;

	private final URI uri;

	private RunningApp(ConfigurableApplicationContext context) {
		this.context = context;
		this.uri = URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(this::ready);
	}

	/**
	 * A leaf over the repository's corpus ({@link TestCorpus}).
	 * @param shard this leaf's shard
	 * @param shardCount how many shards there are
	 * @param extra more properties, e.g. fault injection
	 * @return the running leaf, its index loaded
	 */
	static RunningApp leaf(int shard, int shardCount, Map<String, Object> extra) {
		return leaf(TestCorpus.PATH.toString(), shard, shardCount, extra);
	}

	/**
	 * @param corpus the corpus directory the leaf reads
	 * @param shard this leaf's shard
	 * @param shardCount how many shards there are
	 * @param extra more properties, e.g. fault injection
	 * @return the running leaf, its index loaded
	 */
	static RunningApp leaf(String corpus, int shard, int shardCount, Map<String, Object> extra) {
		Map<String, Object> properties = new java.util.LinkedHashMap<>(common());
		properties.put("spring.application.name", "search-leaf-" + shard);
		properties.put("suite.search.leaf.corpus", corpus);
		properties.put("suite.search.leaf.shard-index", shard);
		properties.put("suite.search.leaf.shard-count", shardCount);
		properties.putAll(extra);
		return new RunningApp(new SpringApplicationBuilder(SearchLeafApplication.class).run(arguments(properties)));
	}

	/**
	 * @param shards for each shard, the replicas serving it
	 * @param extra more root properties
	 * @return the running root
	 */
	static RunningApp root(List<List<RunningApp>> shards, Map<String, Object> extra) {
		Map<String, Object> properties = new java.util.LinkedHashMap<>(common());
		properties.put("spring.application.name", "search-root");
		for (int s = 0; s < shards.size(); s++) {
			List<String> replicas = new ArrayList<>();
			shards.get(s).forEach((leaf) -> replicas.add(leaf.uri().toString()));
			properties.put("suite.search.shards[" + s + "].replicas", String.join(",", replicas));
		}
		properties.putAll(extra);
		return new RunningApp(new SpringApplicationBuilder(SearchRootApplication.class).run(arguments(properties)));
	}

	/** Command-line arguments, so they win over the apps' own application.yml. */
	private static String[] arguments(Map<String, Object> properties) {
		return properties.entrySet().stream().map((p) -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
	}

	private static Map<String, Object> common() {
		return Map.of("server.port", 0, "spring.main.banner-mode", "off", "logging.level.root", "WARN");
	}

	URI uri() {
		return this.uri;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	boolean isRunning() {
		return this.context.isActive();
	}

	private boolean ready() {
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(this.uri.resolve("/readyz")).build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (Exception notYet) {
			return false;
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
