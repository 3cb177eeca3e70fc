package dev.ddspatterns.demo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A tour step that meets an answer it did not expect fails with what it got, never with
 * an exception from reading it.
 */
class TourClientTests {

	private static final String PROBLEM = "{\"type\":\"urn:problem:unavailable\",\"status\":503,"
			+ "\"title\":\"Redis, which holds the lease, cannot be reached\"}";

	private final TourClient client = new TourClient();

	private HttpServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		answer("/v1/leader", 503, PROBLEM);
		answer("/ok", 200, "{\"leader\":\"election-8084\"}");
		answer("/html", 200, "<html>not json</html>");
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void anUnexpectedStatusFailsWithTheStatusAndTheBody() {
		assertThatIllegalStateException().isThrownBy(() -> this.client.getJson(uri("/v1/leader")))
			.withMessageContaining("answered 503")
			.withMessageContaining("cannot be reached");
	}

	@Test
	void aMissingFieldFailsWithTheAnswer() throws Exception {
		JsonNode answer = this.client.getJson(uri("/ok"));
		assertThat(TourClient.field(answer, "leader").asString()).isEqualTo("election-8084");
		assertThatIllegalStateException().isThrownBy(() -> TourClient.field(answer, "self"))
			.withMessageContaining("no \"self\"")
			.withMessageContaining("election-8084");
	}

	@Test
	void aBodyThatIsNotJsonFailsWithTheBody() {
		assertThatIllegalStateException().isThrownBy(() -> this.client.getJson(uri("/html")))
			.withMessageContaining("is not JSON")
			.withMessageContaining("<html>not json</html>");
	}

	private void answer(String path, int status, String body) {
		this.server.createContext(path, (exchange) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.server.getAddress().getPort() + path);
	}

}
