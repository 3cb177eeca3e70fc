package dev.ddspatterns.gateway;

import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.ddspatterns.testsupport.http.RawHttp;
import dev.ddspatterns.testsupport.http.RawHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend's problem names the path the backend was asked for; through the gateway it
 * names the path the client sent, and says nothing else differently.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BackendProblemsIntegrationTests {

	static final TestBackend election = TestBackend.start("election-demo");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		election.registerAsOnlyInstance(registry);
	}

	@AfterAll
	static void stopBackend() {
		election.close();
	}

	@LocalServerPort
	int port;

	@BeforeEach
	void backendIsInRotation() {
		election.respond(200, "application/json", "{}", Map.of());
		election.awaitRouted(this.port, "/api/v1/election/leader");
	}

	@Test
	void aBackendsProblemNamesTheClientsPath() {
		election.respond(409, "application/problem+json",
				"{\"type\":\"urn:dds-suite:problem:conflict\",\"title\":\"Conflict\",\"status\":409,"
						+ "\"detail\":\"Token 41 is older than 42.\",\"instance\":\"/v1/ledger\",\"currentToken\":42}",
				Map.of());
		Response response = RawHttp.exchange(this.port, RawHttp.get("/api/v1/election/ledger?from=3"));
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.header("Content-Type")).hasValue("application/problem+json");
		assertThat((String) JsonPath.read(response.body(), "$.instance")).isEqualTo("/api/v1/election/ledger");
		assertThat((String) JsonPath.read(response.body(), "$.detail")).isEqualTo("Token 41 is older than 42.");
		assertThat((Integer) JsonPath.read(response.body(), "$.currentToken")).isEqualTo(42);
		assertThat(response.header("Content-Length")).hasValue(String.valueOf(response.body().length()));
	}

	@Test
	void aProblemWithoutAnInstanceGetsTheClientsPathCutToItsStart() {
		election.respond(404, "application/problem+json", "{\"status\":404,\"title\":\"Not found\"}", Map.of());
		String path = "/api/v1/election/" + "k".repeat(4000);
		Response response = RawHttp.exchange(this.port, RawHttp.get(path));
		assertThat(response.status()).isEqualTo(404);
		assertThat((String) JsonPath.read(response.body(), "$.instance")).isEqualTo(path.substring(0, 256));
	}

	@Test
	void otherAnswersPassUntouched() {
		String body = "{\"instance\":\"/v1/leader\"}";
		election.respond(200, "application/json", body, Map.of());
		Response response = RawHttp.exchange(this.port, RawHttp.get("/api/v1/election/leader"));
		assertThat(response.body()).isEqualTo(body);
	}

}
