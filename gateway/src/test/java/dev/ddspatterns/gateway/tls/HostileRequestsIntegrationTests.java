package dev.ddspatterns.gateway.tls;

import java.time.Duration;

import dev.ddspatterns.gateway.TestBackend;
import dev.ddspatterns.testsupport.http.HostileRequestsContract;
import dev.ddspatterns.testsupport.http.RawHttp;
import dev.ddspatterns.testsupport.http.RawHttp.Response;
import dev.ddspatterns.testsupport.tls.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

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

	/** Served by the election route, which needs no Redis. */
	static final String SERVED_PATH = "/api/v1/election/leader";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.gateway.keystore.certificate", () -> "file:" + certificates.certificate());
		registry.add("spring.ssl.bundle.pem.gateway.keystore.private-key", () -> "file:" + certificates.privateKey());
		registry.add("spring.cloud.discovery.client.simple.instances.election-demo[0].uri",
				() -> election.uri().toString());
	}

	@AfterAll
	static void stopBackend() {
		election.close();
	}

	@LocalServerPort
	int httpPort;

	@Autowired
	HttpsListener https;

	/** The load balancer sends nothing to the backend before its health check passes. */
	@BeforeEach
	void backendIsInRotation() {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> RawHttp.exchange(this.httpPort, RawHttp.get(SERVED_PATH)).status() == 200);
	}

	@Nested
	class OverHttp extends HostileRequestsContract {

		@Override
		protected Response exchange(String request) {
			return RawHttp.exchange(HostileRequestsIntegrationTests.this.httpPort, request);
		}

		@Override
		protected String servedPath() {
			return SERVED_PATH;
		}

	}

	@Nested
	class OverHttps extends HostileRequestsContract {

		@Override
		protected Response exchange(String request) {
			return RawHttp.exchange(certificates.clientContext(), HostileRequestsIntegrationTests.this.https.port(),
					request);
		}

		@Override
		protected String servedPath() {
			return SERVED_PATH;
		}

	}

}
