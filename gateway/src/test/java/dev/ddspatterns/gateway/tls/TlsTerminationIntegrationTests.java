package dev.ddspatterns.gateway.tls;

import dev.ddspatterns.testsupport.tls.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import dev.ddspatterns.gateway.TestBackend;
import dev.ddspatterns.gateway.TestBackend.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * SSL termination: clients reach the gateway over HTTPS with a certificate from a
 * (generated) authority they trust, the gateway decrypts, and the backend, which cannot
 * speak TLS at all, gets plain HTTP with {@code X-Forwarded-Proto: https}. The plain HTTP
 * port stays open, without HSTS.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "suite.gateway.tls.port=0")
class TlsTerminationIntegrationTests {

	static final TestBackend backend = TestBackend.start("cache-service");

	static final TestCertificates certificates = TestCertificates.generate();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.cache-service[0].uri",
				() -> backend.uri().toString());
		registry.add("spring.ssl.bundle.pem.gateway.keystore.certificate", () -> "file:" + certificates.certificate());
		registry.add("spring.ssl.bundle.pem.gateway.keystore.private-key", () -> "file:" + certificates.privateKey());
	}

	@AfterAll
	static void stopBackend() {
		backend.close();
	}

	@Autowired
	HttpsListener https;

	@LocalServerPort
	int httpPort;

	final HttpClient client = HttpClient.newBuilder()
		.sslContext(certificates.clientContext())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@Test
	void httpsEndsAtTheGatewayAndTheBackendGetsPlainHttp() {
		HttpResponse<String> response = getOk(
				HttpRequest.newBuilder(URI.create("https://localhost:" + this.https.port() + "/api/v1/cache/tls")));
		assertThat(response.body()).isEqualTo("{\"backend\":\"cache-service\"}");
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
		Received received = backend.received().getLast();
		assertThat(received.path()).isEqualTo("/v1/cache/tls");
		assertThat(received.header("X-Forwarded-Proto")).isEqualTo("https");
	}

	@Test
	void plainHttpStaysOpenWithoutHstsAndCallersCannotClaimHttps() {
		HttpResponse<String> response = getOk(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + "/api/v1/cache/plain"))
					.header("X-Forwarded-Proto", "https"));
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(backend.received().getLast().header("X-Forwarded-Proto")).isEqualTo("http");
	}

	@Test
	void gatewayErrorsOverHttpsCarryHstsToo() throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(URI.create("https://localhost:" + this.https.port() + "/no-such-route")).build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
	}

	@Test
	void aClientThatDoesNotTrustTheAuthorityIsRefused() {
		HttpClient untrusting = HttpClient.newHttpClient();
		URI uri = URI.create("https://localhost:" + this.https.port() + "/api/v1/cache/x");
		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> untrusting.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()));
	}

	/** Until the load balancer's first health check has run, the route answers 503. */
	private HttpResponse<String> getOk(HttpRequest.Builder request) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.client.send(request.timeout(Duration.ofSeconds(5)).build(), BodyHandlers.ofString()),
					(response) -> response.statusCode() == 200);
	}

}
