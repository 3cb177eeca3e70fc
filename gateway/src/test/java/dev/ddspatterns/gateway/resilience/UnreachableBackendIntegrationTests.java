package dev.ddspatterns.gateway.resilience;

import java.time.Duration;
import java.util.Map;

import dev.ddspatterns.gateway.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * A backend that stops between two health checks: until the load balancer notices, the
 * gateway still sends it requests and the connection is refused. The caller gets a 503
 * problem, not a 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.cloud.loadbalancer.health-check.interval=1h")
class UnreachableBackendIntegrationTests {

	static final TestBackend cache = TestBackend.start("cache-service");

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.cache-service[0].uri",
				() -> cache.uri().toString());
	}

	@AfterAll
	static void stopBackend() {
		cache.close();
	}

	@LocalServerPort
	int port;

	@Test
	void aRefusedConnectionIsA503Problem() {
		WebTestClient http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
		cache.respond(200, "application/json", "{}", Map.of());
		// The one health check of this test (interval 1 h) finds the backend up.
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> http.get().uri("/api/v1/cache/up").exchange().expectStatus().isOk());

		cache.close();

		http.get()
			.uri("/api/v1/cache/down")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:dds-suite:problem:unavailable")
			.jsonPath("$.detail")
			.isEqualTo("The backend of route 'cache' cannot be reached.")
			.jsonPath("$.route")
			.isEqualTo("cache");
	}

}
