package dev.ddspatterns.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-through route in front of a real HTTP origin: the second identical request is
 * not seen by the origin.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = RedisShardsForTests.UNHURRIED)
class ReadThroughIntegrationTests {

	@RegisterExtension
	static final RedisServers redis = RedisServers.shards(3);

	static HttpServer origin;

	static final AtomicInteger originRequests = new AtomicInteger();

	@BeforeAll
	static void startOrigin() throws IOException {
		origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		origin.createContext("/v1/search", (exchange) -> {
			originRequests.incrementAndGet();
			byte[] body = ("{\"query\":\"" + exchange.getRequestURI().getRawQuery() + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		origin.createContext("/v1/partial", (exchange) -> {
			originRequests.incrementAndGet();
			byte[] body = "{\"partial\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.getResponseHeaders().add("Cache-Control", "no-store");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		origin.createContext("/missing", (exchange) -> {
			originRequests.incrementAndGet();
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		origin.start();
	}

	@AfterAll
	static void stopOrigin() {
		origin.stop(0);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		RedisShardsForTests.register(registry, redis, 3);
		registry.add("suite.cache.origins.search.base-url", () -> "http://localhost:" + origin.getAddress().getPort());
	}

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void client() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void secondIdenticalRequestIsAnsweredWithoutTheOrigin() {
		int before = originRequests.get();
		this.http.get()
			.uri("/v1/cached/search/v1/search?q=cat&k=10")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Cache", "MISS")
			.expectBody()
			.jsonPath("$.query")
			.isEqualTo("k=10&q=cat");
		this.http.get()
			.uri("/v1/cached/search/v1/search?k=10&q=cat")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Cache", "HIT")
			.expectHeader()
			.contentType("application/json");
		assertThat(originRequests.get() - before).isEqualTo(1);
	}

	@Test
	void anAnswerTheOriginMarksNoStoreIsNeitherStoredNorMadeCacheableDownstream() {
		int before = originRequests.get();
		for (int i = 0; i < 2; i++) {
			this.http.get()
				.uri("/v1/cached/search/v1/partial?q=cat")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Cache", "MISS")
				.expectHeader()
				.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
		}
		assertThat(originRequests.get() - before).isEqualTo(2);
	}

	@Test
	void originErrorsPassThroughAndAreNotCached() {
		int before = originRequests.get();
		this.http.get().uri("/v1/cached/search/missing").exchange().expectStatus().isNotFound();
		this.http.get().uri("/v1/cached/search/missing").exchange().expectStatus().isNotFound();
		assertThat(originRequests.get() - before).isEqualTo(2);
	}

	@Test
	void onlyConfiguredOriginsAndPlainPathsAreReachable() {
		this.http.get().uri("/v1/cached/elsewhere/v1/search?q=cat").exchange().expectStatus().isNotFound();
		this.http.get().uri("/v1/cached/search/v1/../admin").exchange().expectStatus().is4xxClientError();
	}

}
