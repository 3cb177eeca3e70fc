package dev.ddspatterns.search.root;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import dev.ddspatterns.search.root.SearchRootProperties.Hedging;
import dev.ddspatterns.search.root.SearchRootProperties.Shard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Two leaves in memory behind a real {@link SearchController}, for tests of what the root
 * does with a request: each leaf reads the query as a leaf's Tomcat does (form-decoded,
 * {@code +} a space), answers that it found nothing, and, as every service does, refuses
 * a URI over {@code suite.http.max-uri-size} (8 KB) with a 414 problem. Leaf calls run on
 * virtual threads, as in the root, without hedging.
 */
final class InMemoryLeaves {

	/** The longest request URI (path and query) a leaf accepts. */
	static final int MAX_URI_SIZE = 8 * 1024;

	/**
	 * The query's deadline: the leaves answer from memory at once, so a leaf is missing
	 * from an answer only if the machine stalls for a minute.
	 */
	private static final Duration DEADLINE = Duration.ofMinutes(1);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String NOTHING_FOUND = "{\"shard\":0,\"hits\":[],\"totalHits\":0,\"tookMs\":0}";

	private final List<String> queriesReceived = new CopyOnWriteArrayList<>();

	private final List<URI> refused = new CopyOnWriteArrayList<>();

	private final SearchController controller;

	InMemoryLeaves() {
		SearchRootProperties properties = new SearchRootProperties(
				List.of(new Shard(List.of(URI.create("http://leaf-0"))),
						new Shard(List.of(URI.create("http://leaf-1")))),
				DEADLINE, true, 100, new Hedging(false, 0.95, Duration.ofMillis(50), Duration.ofMillis(2), 0.05));
		ClientHttpRequestFactory leaves = (uri, method) -> new MockClientHttpRequest(method, uri) {

			@Override
			protected ClientHttpResponse executeInternal() throws IOException {
				return answer(this);
			}

		};
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		List<ShardClient> shards = List.of(
				new ShardClient(0, properties.shards().get(0).replicas(), properties.hedging(), meters),
				new ShardClient(1, properties.shards().get(1).replicas(), properties.hedging(), meters));
		LeafClient leafClient = new LeafClient(RestClient.builder().requestFactory(leaves).build());
		this.controller = new SearchController(new ScatterGather(shards, leafClient, properties,
				Executors.newVirtualThreadPerTaskExecutor(), new ManualExecutor(), meters), properties);
	}

	/** The root's controller, its leaves these. */
	SearchController controller() {
		return this.controller;
	}

	/** The query of every leaf request so far, as the leaf read it. */
	List<String> queriesReceived() {
		return this.queriesReceived;
	}

	/** Every leaf request so far that a leaf refused as too long. */
	List<URI> refused() {
		return this.refused;
	}

	private ClientHttpResponse answer(MockClientHttpRequest request) throws IOException {
		URI uri = request.getURI();
		String target = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		if (target.length() > MAX_URI_SIZE) {
			this.refused.add(uri);
			return response(HttpStatus.URI_TOO_LONG, MediaType.APPLICATION_PROBLEM_JSON,
					"{\"type\":\"urn:dds-suite:problem:uri-too-long\",\"status\":414,\"detail\":\"The URI is too long\"}");
		}
		if (request.getMethod() == HttpMethod.POST) {
			this.queriesReceived.add(json.readTree(request.getBodyAsBytes()).get("q").stringValue());
			return response(HttpStatus.OK, MediaType.APPLICATION_JSON, NOTHING_FOUND);
		}
		this.queriesReceived.add(queryParameter(uri.getRawQuery(), "q"));
		return response(HttpStatus.OK, MediaType.APPLICATION_JSON,
				uri.getPath().endsWith("/stats") ? "{\"fields\":[],\"terms\":[]}" : NOTHING_FOUND);
	}

	private static ClientHttpResponse response(HttpStatus status, MediaType type, String body) {
		MockClientHttpResponse response = new MockClientHttpResponse(body.getBytes(StandardCharsets.UTF_8), status);
		response.getHeaders().setContentType(type);
		return response;
	}

	private static String queryParameter(String rawQuery, String name) {
		return Arrays.stream(rawQuery.split("&"))
			.filter((pair) -> pair.startsWith(name + "="))
			.map((pair) -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
			.findFirst()
			.orElseThrow();
	}

}
