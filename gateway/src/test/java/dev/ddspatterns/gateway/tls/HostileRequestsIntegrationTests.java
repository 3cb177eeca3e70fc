package dev.ddspatterns.gateway.tls;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.gateway.TestBackend;
import dev.ddspatterns.testsupport.http.HostileRequestsContract;
import dev.ddspatterns.testsupport.http.RawHttp;
import dev.ddspatterns.testsupport.http.RawHttp.Response;
import dev.ddspatterns.testsupport.tls.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's public listeners, HTTP and HTTPS, answer a hostile client with problems:
 * what Reactor Netty and Spring's adapter would refuse with an empty body, and what the
 * suite's limits refuse before any route, filter or backend sees the request (see
 * {@link HostileRequestsContract}). A request within the limits goes through a route to
 * its backend.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "suite.gateway.tls.port=0")
class HostileRequestsIntegrationTests {

	static final TestCertificates certificates = TestCertificates.generate();

	static final TestBackend election = TestBackend.start("election-demo");

	/** What every service of the suite takes, service-support's default. */
	static final DataSize BACKEND_LIMIT = DataSize.ofKilobytes(8);

	/** Served by the election route, which needs no Redis. */
	static final String SERVED_PATH = "/api/v1/election/leader";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.gateway.keystore.certificate", () -> "file:" + certificates.certificate());
		registry.add("spring.ssl.bundle.pem.gateway.keystore.private-key", () -> "file:" + certificates.privateKey());
		election.registerAsOnlyInstance(registry);
	}

	@AfterAll
	static void stopBackend() {
		election.close();
	}

	@LocalServerPort
	int httpPort;

	@Autowired
	HttpsListener https;

	@Value("${suite.http.max-headers-size}")
	DataSize gatewayLimit;

	@BeforeEach
	void backendIsInRotation() {
		election.awaitRouted(this.httpPort, SERVED_PATH);
	}

	/**
	 * The gateway takes 7 KB of header fields, a backend 8 KB: what the gateway adds
	 * before passing a request on must fit in between, or a request the gateway took
	 * would be refused by its backend.
	 */
	@Test
	void aRequestAtTheGatewaysHeaderLimitFitsABackendsLimit() {
		// Host and Connection count 17 and 19 bytes, the filler's name and line end 10.
		String filler = "X-Fill: " + "f".repeat((int) this.gatewayLimit.toBytes() - 17 - 19 - 10);
		assertThat(RawHttp.exchange(this.httpPort, RawHttp.get(SERVED_PATH, filler)).status()).isEqualTo(200);
		Map<String, List<String>> received = election.received().getLast().headers();
		long size = received.entrySet()
			.stream()
			.mapToLong((header) -> header.getValue()
				.stream()
				.mapToLong((value) -> header.getKey().length() + 2 + value.length() + 2)
				.sum())
			.sum();
		assertThat(size).as(received.keySet().toString())
			.isGreaterThan(this.gatewayLimit.toBytes())
			.isLessThanOrEqualTo(BACKEND_LIMIT.toBytes());
	}

	@Nested
	class OverHttp extends HostileRequestsContract {

		@Override
		protected int port() {
			return HostileRequestsIntegrationTests.this.httpPort;
		}

		@Override
		protected String servedPath() {
			return SERVED_PATH;
		}

	}

	/**
	 * HTTP/2, which clients get on the HTTPS port through ALPN, has a codec of its own:
	 * the suite's limits answer the same problems there. Over the parser's 32 KB its
	 * codec refuses the stream by itself, with the right status but no body.
	 */
	@Nested
	class OverHttp2 {

		final HttpClient http = HttpClient.newBuilder()
			.sslContext(certificates.clientContext())
			.version(HttpClient.Version.HTTP_2)
			.build();

		@Test
		void overTheLimitsTheAnswersAreTheSameProblems() throws Exception {
			assertProblem(send(SERVED_PATH + "?q=" + "a".repeat(9 * 1024)), 414, "uri-too-long");
			assertProblem(send(SERVED_PATH + "/%C3%28"), 400, "invalid-request");
			HttpResponse<String> headers = this.http.send(
					HttpRequest.newBuilder(uri(SERVED_PATH)).header("X-Big", "b".repeat(9 * 1024)).build(),
					BodyHandlers.ofString());
			assertProblem(headers, 431, "request-header-fields-too-large");
		}

		@Test
		void overTheParsersLimitTheStatusIsStillRight() throws Exception {
			assertThat(send(SERVED_PATH + "?q=" + "a".repeat(40 * 1024)).statusCode()).isEqualTo(431);
		}

		private HttpResponse<String> send(String target) throws Exception {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(target)).build(),
					BodyHandlers.ofString());
			assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
			return response;
		}

		private URI uri(String target) {
			return URI.create("https://localhost:" + HostileRequestsIntegrationTests.this.https.port() + target);
		}

		private static void assertProblem(HttpResponse<String> response, int status, String kind) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"type\":\"urn:dds-suite:problem:" + kind + "\"")
				.contains("\"instance\":\"" + SERVED_PATH);
		}

	}

	@Nested
	class OverHttps extends HostileRequestsContract {

		@Override
		protected int port() {
			return HostileRequestsIntegrationTests.this.https.port();
		}

		@Override
		protected Response exchange(String request) {
			return RawHttp.exchange(certificates.clientContext(), port(), request);
		}

		@Override
		protected String servedPath() {
			return SERVED_PATH;
		}

	}

}
