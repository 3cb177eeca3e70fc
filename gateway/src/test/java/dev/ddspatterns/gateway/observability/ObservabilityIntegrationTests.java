package dev.ddspatterns.gateway.observability;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.ddspatterns.gateway.GatewayApplication;
import dev.ddspatterns.gateway.TestBackend;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators get from the gateway: a JSON access-log line per request with the trace
 * id, the trace context handed on to the backend, and a latency timer per route in the
 * Prometheus scrape. The gateway is started by hand with JSON logs switched on, because
 * logging is set up once per JVM and a cached test context would already hold it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

	static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

	static final TestBackend cache = TestBackend.start("cache-service");

	static ConfigurableApplicationContext gateway;

	static WebTestClient http;

	@BeforeAll
	static void startGatewayWithJsonLogs() {
		LoggingSystem.get(ObservabilityIntegrationTests.class.getClassLoader()).cleanUp();
		gateway = new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
				"--suite.logging.json=true",
				"--spring.cloud.discovery.client.simple.instances.cache-service[0].uri=" + cache.uri());
		http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port"))
			.build();
		// Until the load balancer's first health check has run, the route answers 503.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> http.get().uri("/api/v1/cache/warm-up").exchange().expectStatus().isOk());
	}

	@AfterAll
	static void stopGateway() {
		gateway.close();
		cache.close();
		for (LoggingSystemProperty property : LoggingSystemProperty.values()) {
			System.clearProperty(property.getEnvironmentVariableName());
		}
		LoggingSystem.get(ObservabilityIntegrationTests.class.getClassLoader()).cleanUp();
	}

	@Test
	void callersTraceGoesOnToTheBackendAndIntoTheAccessLog(CapturedOutput output) {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String callerSpan = "00f067aa0ba902b7";
		http.get()
			.uri("/api/v1/cache/traced")
			.header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
			.exchange()
			.expectStatus()
			.isOk();

		Matcher sent = TRACEPARENT.matcher(cache.received().getLast().header("traceparent"));
		assertThat(sent.matches()).isTrue();
		assertThat(sent.group(1)).as("same trace").isEqualTo(traceId);
		assertThat(sent.group(2)).as("the gateway's own span").isNotEqualTo(callerSpan);

		DocumentContext line = accessLogLine(output, "/api/v1/cache/traced");
		assertThat(line.read("$.traceId", String.class)).isEqualTo(traceId);
		assertThat(line.read("$.log.logger", String.class)).isEqualTo(AccessLog.class.getName());
		assertThat(line.read("$.message", String.class)).startsWith("GET /api/v1/cache/traced 200 ");
	}

	@Test
	void everyRequestGetsATraceThatTheBackendAndTheAccessLogShare(CapturedOutput output) {
		http.get().uri("/api/v1/cache/untraced").exchange().expectStatus().isOk();

		Matcher sent = TRACEPARENT.matcher(cache.received().getLast().header("traceparent"));
		assertThat(sent.matches()).isTrue();
		DocumentContext line = accessLogLine(output, "/api/v1/cache/untraced");
		assertThat(line.read("$.traceId", String.class)).isEqualTo(sent.group(1));
	}

	@Test
	void accessLogLineCarriesMethodPathStatusDurationAndRouteAsFields(CapturedOutput output) {
		cache.delay(Duration.ofMillis(50));
		cache.respond(404, "application/problem+json", "{}", Map.of());
		try {
			http.get().uri("/api/v1/cache/missing").exchange().expectStatus().isNotFound();
		}
		finally {
			cache.delay(Duration.ZERO);
			cache.respond(200, "application/json", "{}", Map.of());
		}
		DocumentContext line = accessLogLine(output, "/api/v1/cache/missing");
		assertThat(line.read("$.http.request.method", String.class)).isEqualTo("GET");
		assertThat(line.read("$.url.path", String.class)).isEqualTo("/api/v1/cache/missing");
		assertThat(line.read("$.http.response.status_code", Integer.class)).isEqualTo(404);
		assertThat(line.read("$.event.duration", Long.class)).as("nanoseconds")
			.isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
		assertThat(line.read("$.gateway.route", String.class)).isEqualTo("cache");
		assertThat(line.read("$.traceId", String.class)).matches("[0-9a-f]{32}");
	}

	@Test
	void failuresAreLoggedWithTheStatusTheCallerGotRoutedOrNot(CapturedOutput output) {
		http.get().uri("/api/v1/no-such-route").exchange().expectStatus().isNotFound();
		DocumentContext unrouted = accessLogLine(output, "/api/v1/no-such-route");
		assertThat(unrouted.read("$.http.response.status_code", Integer.class)).isEqualTo(404);
		assertThat(unrouted.read("$.gateway.route", String.class)).isEqualTo("-");

		cache.delay(Duration.ofSeconds(5));
		try {
			http.get().uri("/api/v1/cache/stalled").exchange().expectStatus().isEqualTo(504);
		}
		finally {
			cache.delay(Duration.ZERO);
		}
		DocumentContext line = accessLogLine(output, "/api/v1/cache/stalled");
		assertThat(line.read("$.http.response.status_code", Integer.class)).isEqualTo(504);
	}

	@Test
	void everyRouteHasItsOwnLatencyTimer() {
		http.get().uri("/api/v1/cache/timed").exchange().expectStatus().isOk();
		MeterRegistry meters = gateway.getBean(MeterRegistry.class);
		assertThat(meters.get("spring.cloud.gateway.requests").tag("routeId", "cache").timer().count()).isPositive();
		String scrape = http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"cache\"");
	}

	private static DocumentContext accessLogLine(CapturedOutput output, String path) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> output.getOut()
				.lines()
				.filter((line) -> line.startsWith("{") && line.contains(AccessLog.class.getName())
						&& line.contains(path + " "))
				.findFirst()
				.map(JsonPath::parse), (line) -> line.isPresent())
			.orElseThrow();
	}

}
