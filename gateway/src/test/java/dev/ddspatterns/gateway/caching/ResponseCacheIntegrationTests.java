package dev.ddspatterns.gateway.caching;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.ddspatterns.gateway.ManualClock;
import dev.ddspatterns.gateway.TestBackend;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The caching layer on the search route, as configured in {@code application.yml}, in
 * front of a real backend that counts what reaches it. Time is a test clock: expiry is
 * proven by moving it, not by waiting.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ResponseCacheIntegrationTests {

	static final TestBackend search = TestBackend.start("search-root");

	static final String CACHEABLE = "public, max-age=60";

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.search-root[0].uri",
				() -> search.uri().toString());
	}

	@AfterAll
	static void stopBackend() {
		search.close();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TimeAndRoutes {

		@Bean
		@Primary
		ManualClock testClock() {
			return new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
		}

		/** A cached route whose other filter adds a header of its own to each answer. */
		@Bean
		RouteLocator perRequestHeaderRoute(RouteLocatorBuilder routes, ResponseCacheGatewayFilterFactory cache) {
			return routes.routes()
				.route("per-request-header",
						(route) -> route.path("/test/cached")
							.filters((filters) -> filters
								.filter(cache.apply((config) -> config.setRouteId("per-request-header")))
								.addResponseHeader("X-Per-Request", "added by a filter"))
							.uri(search.uri()))
				.build();
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	ManualClock clock;

	@Autowired
	MeterRegistry meters;

	WebTestClient http;

	@BeforeEach
	void backendAnswersCacheably() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
		answer(200, "{\"hits\":[\"cat\"]}", Map.of("Cache-Control", CACHEABLE));
		// The health-checked load balancer knows no ready instance until its first check,
		// and a cold gateway on a busy machine may miss the route's time limit at first.
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.untilAsserted(() -> this.http.get().uri("/api/v1/search?q=ready").exchange().expectStatus().isOk());
	}

	@Test
	void secondIdenticalGetIsAnsweredFromTheCache() {
		double hitsBefore = count("hit");
		stored(() -> get("/api/v1/search?q=cat").expectHeader()
			.valueEquals("X-Cache", "MISS")
			.expectBody()
			.json("{\"hits\":[\"cat\"]}"));
		int reached = search.requestCount();

		this.clock.advance(Duration.ofSeconds(5));
		get("/api/v1/search?q=cat").expectHeader()
			.valueEquals("X-Cache", "HIT")
			.expectHeader()
			.valueEquals("Age", "5")
			.expectHeader()
			.valueEquals("Cache-Control", CACHEABLE)
			.expectBody()
			.json("{\"hits\":[\"cat\"]}");
		assertThat(search.requestCount()).isEqualTo(reached);
		assertThat(count("hit")).isEqualTo(hitsBefore + 1);
	}

	@Test
	void parameterOrderIsIgnoredButADifferentQueryIsADifferentEntry() {
		stored(() -> get("/api/v1/search?q=cat&page=2").expectHeader().valueEquals("X-Cache", "MISS"));
		get("/api/v1/search?page=2&q=cat").expectHeader().valueEquals("X-Cache", "HIT");
		int reached = search.requestCount();

		get("/api/v1/search?q=dog&page=2").expectHeader().valueEquals("X-Cache", "MISS");
		assertThat(search.requestCount()).isEqualTo(reached + 1);
	}

	@Test
	void answersForAnotherAcceptHeaderAreStoredApart() {
		stored(() -> this.http.get()
			.uri("/api/v1/search?q=owl")
			.header("Accept", "application/json")
			.exchange()
			.expectHeader()
			.valueEquals("X-Cache", "MISS"));
		this.http.get()
			.uri("/api/v1/search?q=owl")
			.header("Accept", "text/html")
			.exchange()
			.expectHeader()
			.valueEquals("X-Cache", "MISS");
		this.http.get()
			.uri("/api/v1/search?q=owl")
			.header("Accept", "application/json")
			.exchange()
			.expectHeader()
			.valueEquals("X-Cache", "HIT");
	}

	@Test
	void onlyTheBackendsHeadersAreStoredNotThoseOtherFiltersAddedForOneRequest() {
		stored("per-request-header",
				() -> this.http.get()
					.uri("/test/cached?q=headers")
					.exchange()
					.expectHeader()
					.valueEquals("X-Cache", "MISS")
					.expectHeader()
					.valueEquals("X-Per-Request", "added by a filter"));
		this.http.get()
			.uri("/test/cached?q=headers")
			.exchange()
			.expectHeader()
			.valueEquals("X-Cache", "HIT")
			.expectHeader()
			.valueEquals("Cache-Control", CACHEABLE)
			.expectHeader()
			.doesNotExist("X-Per-Request");
	}

	@Test
	void errorAnswersAreNeverCached() {
		answer(500, "{\"error\":\"boom\"}", Map.of("Cache-Control", CACHEABLE));
		assertEveryRequestReachesTheBackend("/api/v1/search?q=fails", 500);

		answer(404, "{\"error\":\"none\"}", Map.of("Cache-Control", CACHEABLE));
		assertEveryRequestReachesTheBackend("/api/v1/search?q=missing", 404);
	}

	@Test
	void answersThatSetACookieAreNeverCached() {
		answer(200, "{\"hits\":[]}", Map.of("Cache-Control", CACHEABLE, "Set-Cookie", "session=alice"));
		assertEveryRequestReachesTheBackend("/api/v1/search?q=cookie", 200);
	}

	@Test
	void noStoreAndPrivateAnswersAreNeverCached() {
		answer(200, "{\"hits\":[]}", Map.of("Cache-Control", "no-store"));
		assertEveryRequestReachesTheBackend("/api/v1/search?q=nostore", 200);

		answer(200, "{\"hits\":[]}", Map.of("Cache-Control", "private, max-age=60"));
		assertEveryRequestReachesTheBackend("/api/v1/search?q=private", 200);
	}

	@Test
	void entriesExpireAfterTheBackendsMaxAge() {
		stored(() -> get("/api/v1/search?q=fresh").expectHeader().valueEquals("X-Cache", "MISS"));
		this.clock.advance(Duration.ofSeconds(59));
		get("/api/v1/search?q=fresh").expectHeader().valueEquals("X-Cache", "HIT");
		int reached = search.requestCount();

		this.clock.advance(Duration.ofSeconds(1));
		stored(() -> get("/api/v1/search?q=fresh").expectHeader().valueEquals("X-Cache", "MISS"));
		assertThat(search.requestCount()).isEqualTo(reached + 1);
	}

	@Test
	void withoutMaxAgeEntriesLiveForTheRoutesTimeToLive() {
		answer(200, "{\"hits\":[]}", Map.of());
		stored(() -> get("/api/v1/search?q=default").expectHeader().valueEquals("X-Cache", "MISS"));
		this.clock.advance(Duration.ofSeconds(29));
		get("/api/v1/search?q=default").expectHeader().valueEquals("X-Cache", "HIT");
		this.clock.advance(Duration.ofSeconds(1));
		stored(() -> get("/api/v1/search?q=default").expectHeader().valueEquals("X-Cache", "MISS"));
	}

	@Test
	void noCacheRequestGoesToTheBackendAndRefreshesTheEntry() {
		get("/api/v1/search?q=news").expectBody().json("{\"hits\":[\"cat\"]}");
		answer(200, "{\"hits\":[\"latest\"]}", Map.of("Cache-Control", CACHEABLE));

		stored(() -> this.http.get()
			.uri("/api/v1/search?q=news")
			.header("Cache-Control", "no-cache")
			.exchange()
			.expectHeader()
			.valueEquals("X-Cache", "MISS")
			.expectBody()
			.json("{\"hits\":[\"latest\"]}"));
		get("/api/v1/search?q=news").expectHeader()
			.valueEquals("X-Cache", "HIT")
			.expectBody()
			.json("{\"hits\":[\"latest\"]}");
	}

	@Test
	void requestsWithCredentialsAreNeitherAnsweredFromNorStoredInTheCache() {
		get("/api/v1/search?q=mine").expectHeader().valueEquals("X-Cache", "MISS");
		int reached = search.requestCount();
		double passesBefore = count("pass");

		this.http.get()
			.uri("/api/v1/search?q=mine")
			.header("Authorization", "Bearer alice")
			.exchange()
			.expectHeader()
			.valueEquals("X-Cache", "MISS");
		assertThat(search.requestCount()).isEqualTo(reached + 1);
		assertThat(count("pass")).isEqualTo(passesBefore + 1);
	}

	@Test
	void postIsNeverCached() {
		int reached = search.requestCount();
		for (int i = 0; i < 2; i++) {
			this.http.post()
				.uri("/api/v1/search?q=post")
				.bodyValue("{}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.doesNotExist("X-Cache");
		}
		assertThat(search.requestCount()).isEqualTo(reached + 2);
		assertThat(search.received()).last().extracting(TestBackend.Received::method).isEqualTo("POST");
	}

	private WebTestClient.ResponseSpec get(String uri) {
		return this.http.get().uri(uri).exchange().expectStatus().isOk();
	}

	/** The route may retry a 5xx, so a request can reach the backend more than once. */
	private void assertEveryRequestReachesTheBackend(String uri, int status) {
		for (int i = 0; i < 2; i++) {
			int reached = search.requestCount();
			this.http.get()
				.uri(uri)
				.exchange()
				.expectStatus()
				.isEqualTo(status)
				.expectHeader()
				.valueEquals("X-Cache", "MISS");
			assertThat(search.requestCount()).isGreaterThan(reached);
		}
	}

	/**
	 * Makes a request whose answer is to be stored, and waits until it is: the cache
	 * stores an answer once the backend has sent all of it, which may be just after the
	 * client has it, so a next request sent at once could still miss.
	 */
	private void stored(Runnable request) {
		stored("search", request);
	}

	private void stored(String route, Runnable request) {
		double before = stores(route);
		request.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> stores(route) > before);
	}

	private double stores(String route) {
		return this.meters.get(RequestCounters.STORES).tag("route", route).counter().count();
	}

	private static void answer(int status, String body, Map<String, String> headers) {
		search.respond(status, "application/json", body, headers);
	}

	private double count(String result) {
		return this.meters.get(RequestCounters.NAME).tag("route", "search").tag("result", result).counter().count();
	}

}
