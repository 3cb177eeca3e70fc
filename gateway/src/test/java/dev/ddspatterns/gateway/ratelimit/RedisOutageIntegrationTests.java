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
 * times the outage for the log: the buckets run on Redis's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageIntegrationTests {

	private static final String OUTAGE_STARTED = "Redis does not answer the rate limiter";

	private static final String OUTAGE_ENDED = "Redis answers the rate limiter again";

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
		registry.add("suite.gateway.rate-limit.timeout", () -> "200ms");
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
		http.get().uri("/open").exchange().expectStatus().isOk();
		http.get().uri("/closed").exchange().expectStatus().isOk();
		double errorsBefore = counter("gateway.ratelimit.redis.errors");
		int servedBefore = backend.requestCount();

		redis.server().kill();
		try {
			for (int i = 0; i < 5; i++) {
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
				.isEqualTo(servedBefore + 5);
			assertThat(counter("gateway.ratelimit.redis.errors")).isEqualTo(errorsBefore + 10);
			assertThat(this.meters.get("gateway.ratelimit.redis.outage").gauge().value()).isEqualTo(1);
			assertThat(requests("open", "failed-open")).isEqualTo(5);
			assertThat(requests("closed", "failed-closed")).isEqualTo(5);
			assertThat(occurrences(output, OUTAGE_STARTED)).as("the outage is logged once, not per request")
				.isEqualTo(1);
			clock.advance(Duration.ofSeconds(30));
		}
		finally {
			redis.server().restart();
		}

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> http.get().uri("/closed").header("X-API-Key", "probe").exchange().expectStatus().isOk());
		assertThat(this.meters.get("gateway.ratelimit.redis.outage").gauge().value()).isZero();
		assertThat(occurrences(output, OUTAGE_ENDED + ", after an outage of PT30S")).isEqualTo(1);
		assertThat(counter("gateway.ratelimit.redis.outages")).isEqualTo(1);

		for (int i = 0; i < 3; i++) {
			http.get().uri("/closed").header("X-API-Key", "after").exchange().expectStatus().isOk();
		}
		http.get().uri("/closed").header("X-API-Key", "after").exchange().expectStatus().isEqualTo(429);
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

	private double requests(String route, String outcome) {
		return this.meters.get("gateway.ratelimit.requests").tags("route", route, "outcome", outcome).counter().count();
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
