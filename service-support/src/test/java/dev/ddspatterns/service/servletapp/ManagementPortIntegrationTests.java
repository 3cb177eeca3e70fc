package dev.ddspatterns.service.servletapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Servlet app as compose and Kubernetes run it, with actuator on a management port of
 * its own ({@code MANAGEMENT_SERVER_PORT}): the app port answers {@code /actuator/*} with
 * a 404 problem, the management port serves the scrape, and {@code /livez} and
 * {@code /readyz} stay on the app port, where the health checks, the probes and the
 * gateway's load balancer ask for them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=servlet-test-app", "management.server.port=0" })
class ManagementPortIntegrationTests {

	final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int appPort;

	@LocalManagementPort
	int managementPort;

	@Test
	void theAppPortServesNoActuatorEndpoint() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.appPort);
		for (String endpoint : new String[] { "/actuator/prometheus", "/actuator/health", "/actuator" }) {
			HttpResponse<String> response = get(this.appPort, endpoint);
			assertThat(response.statusCode()).as(endpoint).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).as(endpoint)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
	}

	@Test
	void theManagementPortServesTheScrape() throws Exception {
		HttpResponse<String> response = get(this.managementPort, "/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("application=\"servlet-test-app\"");
	}

	@Test
	void probesStayOnTheAppPort() throws Exception {
		for (String probe : new String[] { "/livez", "/readyz" }) {
			HttpResponse<String> response = get(this.appPort, probe);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(response.body()).as(probe).contains("\"status\":\"UP\"");
		}
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				BodyHandlers.ofString());
	}

}
