package dev.ddspatterns.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ddspatterns.console.panels.Snapshots;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console against real HTTP servers that misbehave: a gateway that answers, leaves
 * that accept connections and never answer (a frozen process), services that are not
 * there. One bad service shows as such in its own panel; it holds up neither the others
 * nor the page by more than the stated bound.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	private static final String GATEWAY_METRICS = """
			spring_cloud_gateway_requests_seconds_count{routeId="cache",status="200"} 40.0
			spring_cloud_gateway_requests_seconds_count{routeId="cache",status="429"} 2.0
			gateway_ratelimit_requests_total{outcome="allowed",route="cache"} 40.0
			gateway_ratelimit_requests_total{outcome="limited",route="cache"} 2.0
			resilience4j_circuitbreaker_state{name="cache",state="closed"} 1.0
			resilience4j_circuitbreaker_state{name="cache",state="open"} 0.0
			""";

	static final HttpServer gateway = gateway();

	/** Accepts connections (the kernel does) and never answers, as a frozen process. */
	static final ServerSocket frozen = frozen();

	static final int closedPort = closedPort();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		String frozenAddress = "http://127.0.0.1:" + frozen.getLocalPort();
		String closed = "http://127.0.0.1:" + closedPort;
		registry.add("suite.console.gateway", () -> "http://127.0.0.1:" + gateway.getAddress().getPort());
		registry.add("suite.console.cache", () -> closed);
		registry.add("suite.console.search-root", () -> closed);
		// Six frozen leaves: six timeouts in turn, more than the panel's bound.
		registry.add("suite.console.search-leaves", () -> String.join(",",
				List.of(frozenAddress, frozenAddress, frozenAddress, frozenAddress, frozenAddress, frozenAddress)));
		registry.add("suite.console.election", () -> frozenAddress + "," + closed);
		registry.add("suite.console.thumbnailers", () -> closed);
		registry.add("suite.console.timeout", () -> TIMEOUT.toMillis() + "ms");
		registry.add("suite.console.watchers", () -> "1");
		registry.add("suite.console.probe-timeout", () -> TIMEOUT.toMillis() + "ms");
	}

	@AfterAll
	static void stop() throws IOException {
		gateway.stop(0);
		frozen.close();
	}

	@Test
	void eachPanelShowsItsOwnServicesStateAndASlowPanelIsNamedLateWithinTheBound() throws Exception {
		long started = System.nanoTime();
		HttpResponse<String> answer = get("/api/snapshot");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode snapshot = this.json.readTree(answer.body());
		JsonNode cache = snapshot.path("gateway").path("routes").path("cache");
		assertThat(cache.path("requests").asDouble()).isEqualTo(42.0);
		assertThat(cache.path("limiter").path("limited").asDouble()).isEqualTo(2.0);
		assertThat(cache.path("breaker").asString()).isEqualTo("closed");
		assertThat(snapshot.path("cache").path("problem").asString()).isEqualTo("unreachable");
		assertThat(snapshot.path("election").path("replicas").valueStream().map((r) -> r.path("problem").asString()))
			.containsExactly("unreachable", "unreachable");
		assertThat(snapshot.path("pipeline").path("instances").path(0).path("problem").asString())
			.isEqualTo("unreachable");
		assertThat(snapshot.path("late").valueStream().map(JsonNode::asString)).containsExactly("search");
		// The bound: the panels' reads and the probe query, in timeouts, plus the
		// console's own time to answer.
		assertThat(took).isLessThan(TIMEOUT.multipliedBy(panelBound() + 1 + 10));
	}

	@Test
	void aWatchingPageGetsSnapshotsAsEventsAndWatchersBeyondTheBoundAreRefused() throws Exception {
		HttpResponse<InputStream> stream = this.http.send(request("/api/events"),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream events = stream.body()) {
			assertThat(stream.statusCode()).isEqualTo(200);
			assertThat(stream.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			String first = firstEvent(events);
			assertThat(first).contains("event:snapshot").contains("\"gateway\"");

			HttpResponse<String> refused = get("/api/events");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.body()).contains("suite.console.watchers");
		}
	}

	@Test
	void withoutAFaultTokenTheConsoleOffersNoFaults() throws Exception {
		HttpResponse<String> refused = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/faults/leaf-0/freeze"))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"on\": true}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(404);
		assertThat(refused.body()).contains("suite.console.fault-token");
	}

	@Test
	void thePageIsServedAndAnUnknownPathIsAProblem() throws Exception {
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h2 id=\"cache-title\">Sharded cache</h2>").contains("console.js");
		HttpResponse<String> missing = get("/no-such-page");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private static int panelBound() {
		return Snapshots.PANEL_BOUND;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
	}

	private static String firstEvent(InputStream events) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = events.read()) >= 0) {
			if (c != '\n') {
				line.append((char) c);
				continue;
			}
			if (line.isEmpty() && !lines.isEmpty()) {
				return String.join("\n", lines);
			}
			lines.add(line.toString());
			line.setLength(0);
		}
		return String.join("\n", lines);
	}

	private static HttpServer gateway() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/actuator/prometheus", (exchange) -> {
				byte[] body = GATEWAY_METRICS.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ServerSocket frozen() {
		try {
			return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
