package dev.ddspatterns.gateway.tls;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import dev.ddspatterns.testsupport.tls.TestCertificates;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as compose and Kubernetes run it, with actuator on a management port of its
 * own ({@code MANAGEMENT_SERVER_PORT}, never published): both public listeners, HTTP and
 * HTTPS, answer {@code /actuator/*} with a 404 problem, as they answer any path no route
 * serves; the management port serves the scrape; and {@code /livez} and {@code /readyz}
 * stay on the HTTP port, where the health check and the probes ask for them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "suite.gateway.tls.port=0" })
class ManagementPortIntegrationTests {

	static final TestCertificates certificates = TestCertificates.generate();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.gateway.keystore.certificate", () -> "file:" + certificates.certificate());
		registry.add("spring.ssl.bundle.pem.gateway.keystore.private-key", () -> "file:" + certificates.privateKey());
	}

	@Autowired
	HttpsListener https;

	@LocalServerPort
	int httpPort;

	@LocalManagementPort
	int managementPort;

	final HttpClient client = HttpClient.newBuilder()
		.sslContext(certificates.clientContext())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@Test
	void thePublicListenersServeNoActuatorEndpoint() throws Exception {
		assertThat(this.managementPort).isNotIn(this.httpPort, this.https.port());
		for (String base : new String[] { "http://localhost:" + this.httpPort,
				"https://localhost:" + this.https.port() }) {
			for (String endpoint : new String[] { "/actuator/prometheus", "/actuator/health", "/actuator" }) {
				HttpResponse<String> response = get(base + endpoint);
				assertThat(response.statusCode()).as(base + endpoint).isEqualTo(404);
				assertThat(response.headers().firstValue("Content-Type")).as(base + endpoint)
					.hasValue("application/problem+json");
				assertThat(response.body()).as(base + endpoint).doesNotContain("jvm_");
			}
		}
	}

	@Test
	void theManagementPortServesTheScrape() throws Exception {
		HttpResponse<String> response = get("http://localhost:" + this.managementPort + "/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("application=\"gateway\"");
	}

	@Test
	void probesStayOnTheHttpPort() throws Exception {
		for (String probe : new String[] { "/livez", "/readyz" }) {
			HttpResponse<String> response = get("http://localhost:" + this.httpPort + probe);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(response.body()).as(probe).contains("\"status\":\"UP\"");
		}
	}

	private HttpResponse<String> get(String uri) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
				BodyHandlers.ofString());
	}

}
