package dev.ddspatterns.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Service brokering: a route names a service ({@code lb://search-root}), the load
 * balancer finds its instances in configuration, and an instance whose {@code /readyz}
 * fails gets no traffic until it is ready.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.loadbalancer.health-check.interval=1s",
				"spring.cloud.loadbalancer.health-check.refetch-instances=true" })
class ServiceBrokeringIntegrationTests {

	static final TestBackend ready = TestBackend.start("search-root-a");

	static final TestBackend starting = TestBackend.start("search-root-b");

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		starting.ready(false);
		registry.add("spring.cloud.discovery.client.simple.instances.search-root[0].uri", () -> ready.uri().toString());
		registry.add("spring.cloud.discovery.client.simple.instances.search-root[1].uri",
				() -> starting.uri().toString());
	}

	@AfterAll
	static void stopBackends() {
		ready.close();
		starting.close();
	}

	@LocalServerPort
	int port;

	@Test
	void routesByServiceNameAndSkipsUnreadyInstances() {
		WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		// Until the first health check has run, no instance is known to be ready (503).
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> http.get().uri("/api/v1/search?q=warm-up").exchange().expectStatus().isOk());
		int before = ready.requestCount();
		// A different query each time, so the gateway's response cache answers none of
		// them.
		for (int i = 0; i < 20; i++) {
			http.get().uri("/api/v1/search?q=cat-" + i).exchange().expectStatus().isOk();
		}
		assertThat(starting.requestCount()).isZero();
		assertThat(ready.received()).hasSize(before + 20)
			.allSatisfy((request) -> assertThat(request.path()).isEqualTo("/v1/search"));

		starting.ready(true);
		AtomicInteger query = new AtomicInteger();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			http.get().uri("/api/v1/search?q=dog-" + query.incrementAndGet()).exchange().expectStatus().isOk();
			assertThat(starting.requestCount()).isPositive();
		});
	}

}
