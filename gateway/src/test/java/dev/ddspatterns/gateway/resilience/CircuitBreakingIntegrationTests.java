package dev.ddspatterns.gateway.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.gateway.TestBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breakers and time limits configured per route in {@code application.yml},
 * against real backends that fail or stall on command: a failing backend is cut off and
 * answered for with a fast 503, a stalled one is cut at its route's time limit, and only
 * idempotent requests are retried.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CircuitBreakingIntegrationTests {

	static final String JOB = "{\"image\":\"cat.png\",\"width\":64,\"format\":\"png\"}";

	static final TestBackend cache = TestBackend.start("cache-service");

	static final TestBackend thumbnailer = TestBackend.start("thumbnailer");

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.cache-service[0].uri",
				() -> cache.uri().toString());
		registry.add("spring.cloud.discovery.client.simple.instances.thumbnailer[0].uri",
				() -> thumbnailer.uri().toString());
	}

	@AfterAll
	static void stopBackends() {
		cache.close();
		thumbnailer.close();
	}

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@Autowired
	TimeLimiterRegistry timeLimiters;

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void healthyBackendsAndClosedBreakers() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
		for (TestBackend backend : new TestBackend[] { cache, thumbnailer }) {
			backend.delay(Duration.ZERO);
			backend.respond(200, "application/json", "{\"backend\":\"" + backend.name() + "\"}", Map.of());
		}
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		// Until the load balancer's first health check has run, routes answer 503.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			this.http.get().uri("/api/v1/cache/warm-up").exchange().expectStatus().isOk();
			this.http.post()
				.uri("/api/v1/jobs")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(JOB)
				.exchange()
				.expectStatus()
				.isOk();
		});
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@Test
	void failingBackendIsCutOffAndAnsweredForWithAFast503() {
		cache.respond(500, "application/problem+json", "{\"title\":\"Internal error\"}", Map.of());
		CircuitBreaker breaker = this.circuitBreakers.circuitBreaker("cache");
		int failures = 0;
		while (breaker.getState() == CircuitBreaker.State.CLOSED) {
			// While the breaker is closed, the backend's own answer is passed on, with
			// the
			// client's path as its instance.
			this.http.get()
				.uri("/api/v1/cache/k" + failures)
				.exchange()
				.expectStatus()
				.isEqualTo(500)
				.expectBody()
				.json("{\"title\":\"Internal error\",\"instance\":\"/api/v1/cache/k" + failures + "\"}",
						JsonCompareMode.STRICT);
			failures++;
		}
		assertThat(failures).isEqualTo(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls());

		int callsSoFar = cache.requestCount();
		List<Duration> answered = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long start = System.nanoTime();
			this.http.get()
				.uri("/api/v1/cache/k")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueEquals("Retry-After", "10")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:dds-suite:problem:unavailable")
				.jsonPath("$.route")
				.isEqualTo("cache");
			answered.add(Duration.ofNanos(System.nanoTime() - start));
		}
		assertThat(cache.requestCount()).as("the backend is not called").isEqualTo(callsSoFar);
		// Without waiting for the route's time limit (median of five, so that one hiccup
		// of
		// a busy machine does not decide).
		Collections.sort(answered);
		assertThat(answered.get(2)).isLessThan(timeLimit("cache"));
	}

	@Test
	void slowBackendIsCutAtItsRoutesTimeLimit() {
		Duration limit = timeLimit("cache");
		Duration delay = limit.multipliedBy(5);
		cache.delay(delay);
		long start = System.nanoTime();
		this.http.get()
			.uri("/api/v1/cache/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:dds-suite:problem:upstream-timeout")
			.jsonPath("$.detail")
			.isEqualTo("The backend of route 'cache' did not answer within " + limit.toMillis() + " ms.");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		// Cut at the limit, long before the backend would have answered.
		assertThat(took).isBetween(limit, delay);
		assertThat(this.circuitBreakers.circuitBreaker("cache").getMetrics().getNumberOfFailedCalls()).isOne();
	}

	@Test
	void getIsRetriedButPostIsNot() {
		cache.respond(503, "application/problem+json", "{}", Map.of());
		thumbnailer.respond(503, "application/problem+json", "{}", Map.of());
		int getsBefore = cache.requestCount();
		int postsBefore = thumbnailer.requestCount();

		this.http.get().uri("/api/v1/cache/k").exchange().expectStatus().isEqualTo(503);
		this.http.post()
			.uri("/api/v1/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(JOB)
			.exchange()
			.expectStatus()
			.isEqualTo(503);

		assertThat(cache.requestCount() - getsBefore).as("GET: the first attempt and 2 retries").isEqualTo(3);
		assertThat(thumbnailer.requestCount() - postsBefore).as("POST: one attempt").isOne();
	}

	@Test
	void moreConcurrentCallsThanResilience4jsDefaultBulkheadAllGetThrough() {
		cache.delay(Duration.ofMillis(300));
		WebClient client = WebClient.create("http://localhost:" + this.port);
		List<Integer> statuses = Flux.range(0, 40)
			.flatMap(
					(i) -> client.get()
						.uri("/api/v1/cache/concurrent-{i}", i)
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					40)
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(statuses).hasSize(40).containsOnly(200);
	}

	private Duration timeLimit(String route) {
		return this.timeLimiters.timeLimiter(route).getTimeLimiterConfig().getTimeoutDuration();
	}

}
