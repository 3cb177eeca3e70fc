package dev.ddspatterns.gateway.caching;

import java.net.URI;

import dev.ddspatterns.gateway.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code suite.gateway.search.through-cache=true}, the production search route of
 * {@code application.yml} goes to cache-service's read-through endpoint, query intact,
 * and search-root is not called by the gateway at all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "suite.gateway.search.through-cache=true")
class ReadThroughSearchRouteIntegrationTests {

	static final TestBackend cacheService = TestBackend.start("cache-service");

	static final TestBackend searchRoot = TestBackend.start("search-root");

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.cache-service[0].uri",
				() -> cacheService.uri().toString());
		registry.add("spring.cloud.discovery.client.simple.instances.search-root[0].uri",
				() -> searchRoot.uri().toString());
	}

	@AfterAll
	static void stopBackends() {
		cacheService.close();
		searchRoot.close();
	}

	@LocalServerPort
	int port;

	@Test
	void searchesGoThroughTheReadThroughCache() {
		WebTestClient.bindToServer()
			.build()
			.get()
			.uri(URI.create("http://localhost:" + this.port + "/api/v1/search?q=cat%20AND%20dog"))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(cacheService.received()).singleElement().satisfies((received) -> {
			assertThat(received.path()).isEqualTo("/v1/cached/search/v1/search");
			assertThat(received.query()).isEqualTo("q=cat%20AND%20dog");
		});
		assertThat(searchRoot.requestCount()).isZero();
	}

}
