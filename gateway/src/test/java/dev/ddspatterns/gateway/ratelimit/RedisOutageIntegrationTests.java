package dev.ddspatterns.gateway.ratelimit;

import dev.ddspatterns.gateway.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ddspatterns.gateway.TestBackend;
import dev.ddspatterns.testsupport.redis.RedisServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the RateLimit filter does when Redis dies: route {@code open} fails open (its own
 * setting), route {@code closed} fails closed (the global setting). Both allow bursts of
 * 3; on {@code closed} a request costs 10 tokens at 1 per second, so once the burst is
 * spent the next is refused for 10 s, whatever the time the test takes. The clock only
 * times the outage for the log: the buckets run on Redis's. Route {@code leased} fails
 * closed too, and has a lease of 5 tokens that lives an hour here: what a replica took
 * before the outage it spends during it, and then it refuses.
 *
 * <p>
 * The timeout is what tells a slow Redis from a dead one, so it has a busy machine's
 * margin: with 200 ms, the first call of a run (connecting, loading the script) once took
 * longer under load, and route {@code open} failed open before Redis was killed, silently
 * since it still answered 200. Every count is taken from the moment Redis is known to
 * answer, so the test asserts what the outage adds and nothing else.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageIntegrationTests {

	private static final String OUTAGE_STARTED = "Redis does not answer the rate limiter";

	private static final String OUTAGE_ENDED = "Redis answers the rate limiter again";

	/**
	 * Long enough for a healthy Redis on a busy machine; each request of the outage waits
	 * it.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	/**
	 * Lettuce reconnects with a backoff that doubles up to 30 s, so Redis is back in the
	 * gateway's view at most that long after it restarted, plus a request's timeout.
	 */
	private static final Duration RECONNECTED = Duration.ofSeconds(30).plus(TIMEOUT.multipliedBy(2));

	/** Requests per route while Redis is down. */
	private static final int DURING = 3;

	/** Tokens a request on route {@code leased} takes, its own and 4 for later ones. */
	private static final int LEASE = 5;

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	static final TestBackend backend = TestBackend.start("backend");

	static final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));

	@TestBean
	Clock rateLimitClock;

	static Clock rateLimitClock() {
		return clock;
	}

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> redis.server().uri());
		registry.add("suite.gateway.rate-limit.failure-mode", () -> "fail-closed");
		registry.add("suite.gateway.rate-limit.timeout", TIMEOUT::toString);
		registry.add("suite.gateway.rate-limit.unavailable-retry-after", () -> "3s");
		String routes = "spring.cloud.gateway.server.webflux.routes";
		registry.add(routes + "[0].id", () -> "open");
		registry.add(routes + "[0].uri", () -> backend.uri().toString());
		registry.add(routes + "[0].predicates[0]", () -> "Path=/open");
		registry.add(routes + "[0].filters[0].name", () -> "RateLimit");
		registry.add(routes + "[0].filters[0].args.replenish-rate", () -> "1");
		registry.add(routes + "[0].filters[0].args.burst-capacity", () -> "3");
		registry.add(routes + "[0].filters[0].args.failure-mode", () -> "fail-open");
		registry.add(routes + "[1].id", () -> "closed");
		registry.add(routes + "[1].uri", () -> backend.uri().toString());
		registry.add(routes + "[1].predicates[0]", () -> "Path=/closed");
		registry.add(routes + "[1].filters[0]", () -> "RateLimit=1, 30, 10");
		registry.add(routes + "[2].id", () -> "leased");
		registry.add(routes + "[2].uri", () -> backend.uri().toString());
		registry.add(routes + "[2].predicates[0]", () -> "Path=/leased");
		registry.add(routes + "[2].filters[0].name", () -> "RateLimit");
		registry.add(routes + "[2].filters[0].args.replenish-rate", () -> "1");
		registry.add(routes + "[2].filters[0].args.burst-capacity", () -> "20");
		registry.add(routes + "[2].filters[0].args.lease", () -> String.valueOf(LEASE));
		registry.add("suite.gateway.rate-limit.lease-time-to-live", () -> "1h");
		// Fresh buckets for the checks after the outage.
		RegisteredKeys.properties(List.of("probe", "after")).forEach((key, value) -> registry.add(key, () -> value));
	}

	@AfterAll
	static void stopBackend() {
		backend.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void whileRedisIsDownFailOpenRoutesServeAndFailClosedRoutesRefuse(CapturedOutput output) {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		// Redis counted it (a fail-open answer has no Remaining): connected, script
		// loaded.
		await().atMost(RECONNECTED)
			.untilAsserted(() -> http.get()
				.uri("/open")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.exists("X-RateLimit-Remaining"));
		http.get().uri("/closed").exchange().expectStatus().isOk();
		// Takes a lease: this request's token and 4 more, held here.
		http.get().uri("/leased").exchange().expectStatus().isOk();
		double leasedClosedBefore = requests("leased", "failed-closed");
		double errorsBefore = counter("gateway.ratelimit.redis.errors");
		double outagesBefore = counter("gateway.ratelimit.redis.outages");
		double failedOpenBefore = requests("open", "failed-open");
		double failedClosedBefore = requests("closed", "failed-closed");
		int loggedBefore = occurrences(output, OUTAGE_STARTED);
		int servedBefore = backend.requestCount();

		redis.server().kill();
		try {
			for (int i = 0; i < DURING; i++) {
				http.get()
					.uri("/open")
					.exchange()
					.expectStatus()
					.isOk()
					.expectHeader()
					.doesNotExist("X-RateLimit-Remaining")
					.expectHeader()
					.valueEquals("X-RateLimit-Burst-Capacity", "3");
				http.get()
					.uri("/closed")
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.expectHeader()
					.valueEquals(HttpHeaders.RETRY_AFTER, "3")
					.expectBody()
					.jsonPath("$.type")
					.isEqualTo("urn:dds-suite:problem:unavailable");
			}
			// An unknown key is refused without asking Redis, so not even a fail-open
			// route lets it through, and it adds no Redis error.
			http.get().uri("/open").header("X-API-Key", "invented").exchange().expectStatus().isUnauthorized();
			assertThat(backend.requestCount()).as("only the fail-open route reached the backend")
				.isEqualTo(servedBefore + DURING);
			// The leased route spends what it took before the outage, without asking
			// Redis, then fails closed like any other.
			for (int i = 0; i < LEASE - 1; i++) {
				http.get().uri("/leased").exchange().expectStatus().isOk();
			}
			http.get().uri("/leased").exchange().expectStatus().isEqualTo(503);
			assertThat(requests("leased", "failed-closed")).isEqualTo(leasedClosedBefore + 1);
			assertThat(backend.requestCount()).as("and the lease's requests")
				.isEqualTo(servedBefore + DURING + LEASE - 1);
			assertThat(counter("gateway.ratelimit.redis.errors")).isEqualTo(errorsBefore + 2 * DURING + 1);
			assertThat(this.meters.get("gateway.ratelimit.redis.outage").gauge().value()).isEqualTo(1);
			assertThat(requests("open", "failed-open")).isEqualTo(failedOpenBefore + DURING);
			assertThat(requests("closed", "failed-closed")).isEqualTo(failedClosedBefore + DURING);
			assertThat(occurrences(output, OUTAGE_STARTED) - loggedBefore)
				.as("the outage is logged once, not per request")
				.isEqualTo(1);
			clock.advance(Duration.ofSeconds(30));
		}
		finally {
			redis.server().restart();
		}

		await().atMost(RECONNECTED)
			.untilAsserted(
					() -> http.get().uri("/closed").header("X-API-Key", "probe").exchange().expectStatus().isOk());
		assertThat(this.meters.get("gateway.ratelimit.redis.outage").gauge().value()).isZero();
		assertThat(occurrences(output, OUTAGE_ENDED + ", after an outage of PT30S")).isEqualTo(1);
		assertThat(counter("gateway.ratelimit.redis.outages")).isEqualTo(outagesBefore + 1);

		for (int i = 0; i < 3; i++) {
			http.get().uri("/closed").header("X-API-Key", "after").exchange().expectStatus().isOk();
		}
		http.get().uri("/closed").header("X-API-Key", "after").exchange().expectStatus().isEqualTo(429);
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

	/**
	 * Requests of a route with this outcome; 0 before the first, whose counter it makes.
	 */
	private double requests(String route, String outcome) {
		Counter counter = this.meters.find("gateway.ratelimit.requests")
			.tags("route", route, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static int occurrences(CapturedOutput output, String text) {
		Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(output.getAll());
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
