package dev.ddspatterns.search.leaf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * A leaf started in-process on a random port, the way search-root's tests start theirs.
 * Settings are passed as command-line arguments, which outrank every other property
 * source; {@code SpringApplicationBuilder.properties(..)} would only set defaults.
 */
public final class RunningLeaf implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final RestTestClient http;

	private RunningLeaf(ConfigurableApplicationContext context) {
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
	}

	/**
	 * @param properties {@code name=value} pairs
	 * @return the started leaf, possibly before its index is loaded
	 */
	public static RunningLeaf start(String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new RunningLeaf(
				new SpringApplicationBuilder(SearchLeafApplication.class).run(args.toArray(String[]::new)));
	}

	public RestTestClient http() {
		return this.http;
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public int status(String uri) {
		return this.http.get().uri(uri).exchange().returnResult().getStatus().value();
	}

	public RunningLeaf awaitReady() {
		await().atMost(Duration.ofSeconds(20)).until(() -> status("/readyz") == 200);
		return this;
	}

	public LeafApi.Hits search(String q, int k) {
		return this.http.get()
			.uri("/v1/search?q={q}&k={k}", q, k)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LeafApi.Hits.class)
			.returnResult()
			.getResponseBody();
	}

	public LeafApi.IndexStatus index() {
		return this.http.get()
			.uri("/v1/index")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LeafApi.IndexStatus.class)
			.returnResult()
			.getResponseBody();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
