package dev.ddspatterns.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's fault buttons go to the service's own switch with the token the console
 * holds, and the panel shows the switch as the service reports it. The leaf here is a
 * real HTTP server that, like a service of the suite, refuses a switch without the token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleFaultsIntegrationTests {

	private static final String TOKEN = "a-token-for-the-console-test";

	static final AtomicBoolean frozen = new AtomicBoolean();

	static final HttpServer leaf = leaf();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		String closed = "http://127.0.0.1:1";
		registry.add("suite.console.search-leaves", () -> "http://127.0.0.1:" + leaf.getAddress().getPort());
		registry.add("suite.console.fault-token", () -> TOKEN);
		registry.add("suite.console.cache", () -> closed);
		registry.add("suite.console.search-root", () -> closed);
		registry.add("suite.console.election", () -> closed);
		registry.add("suite.console.gateway", () -> closed);
		registry.add("suite.console.thumbnailers", () -> closed);
	}

	@AfterAll
	static void stop() {
		leaf.stop(0);
	}

	@Test
	void aButtonTurnsTheServicesOwnSwitchOnWithTheTokenAndThePanelShowsIt() throws Exception {
		HttpResponse<String> on = put("/api/faults/leaf-0/freeze", "{\"on\": true}");
		assertThat(on.statusCode()).isEqualTo(200);
		assertThat(frozen).isTrue();
		JsonNode snapshot = this.json.readTree(get("/api/snapshot").body());
		JsonNode freeze = snapshot.path("search").path("leaves").path(0).path("switches").path(0);
		assertThat(freeze.path("name").asString()).isEqualTo("freeze");
		assertThat(freeze.path("on").asBoolean()).isTrue();
		assertThat(put("/api/faults/leaf-0/freeze", "{\"on\": false}").statusCode()).isEqualTo(200);
		assertThat(frozen).isFalse();
	}

	@Test
	void anUnknownServiceOrSwitchOrABadBodyIsAProblemAndChangesNothing() throws Exception {
		assertProblem(put("/api/faults/leaf-9/freeze", "{\"on\": true}"), 404);
		assertProblem(put("/api/faults/cache-0/freeze", "{\"on\": true}"), 404);
		assertProblem(put("/api/faults/leaf-0/melt", "{\"on\": true}"), 404);
		assertProblem(put("/api/faults/leaf-0/freeze", "{}"), 400);
		assertProblem(put("/api/faults/leaf-0/freeze", "not json"), 400);
		assertThat(frozen).isFalse();
	}

	private void assertProblem(HttpResponse<String> answer, int status) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static HttpServer leaf() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/v1/index", (exchange) -> answer(exchange, 200,
					"{\"shard\":0,\"shardCount\":1,\"documents\":3,\"generation\":1}"));
			server.createContext("/v1/faults", (exchange) -> {
				if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
					answer(exchange, 401, "{\"status\":401}");
				}
				else if (exchange.getRequestMethod().equals("GET")) {
					answer(exchange, 200,
							"[{\"name\":\"freeze\",\"effect\":\"Every search waits\",\"on\":" + frozen.get() + "}]");
				}
				else if (exchange.getRequestURI().getPath().equals("/v1/faults/freeze")) {
					String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
					frozen.set(body.replace(" ", "").contains("\"on\":true"));
					answer(exchange, 200,
							"{\"name\":\"freeze\",\"effect\":\"Every search waits\",\"on\":" + frozen.get() + "}");
				}
				else {
					answer(exchange, 404, "{\"status\":404}");
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
