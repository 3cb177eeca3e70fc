package dev.ddspatterns.gateway.splitting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.ddspatterns.gateway.GatewayApplication;
import dev.ddspatterns.gateway.TestBackend;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code search-experiment} route of {@code application.yml} in front of two real
 * backends, one per variant: each user reaches the variant the split function chose for
 * it, on every request and from a second gateway started with the same configuration.
 * Users are told apart by the {@code suite-user} cookie: the route is rate limited, and
 * there an API key must be a registered one (see the rate-limit tests).
 */
// A shutdown quiet period of 0 lets a context close at once: health checks keep the
// event loops busy, so Reactor Netty's 2 s quiet period never comes and it waits 15 s.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.cloud.loadbalancer.health-check.interval=1s", "spring.reactor.netty.shutdown-quiet-period=0s" })
class RequestSplitIntegrationTests {

	static final TestBackend v1 = TestBackend.start("search-root");

	static final TestBackend v2 = TestBackend.start("search-root-v2");

	// The experiment of the search-experiment route in application.yml.
	static final TrafficSplit SPLIT = new TrafficSplit("search-v2", Map.of("v1", 90, "v2", 10));

	static final String PATH = "/api/v1/experiment/search?q=cat";

	/**
	 * How long the test waits for an answer, and for both variants to be served at all.
	 * The gateway bounds a request on this route by its time limit (2 s, application.yml)
	 * and answers 504 after it; what a busy machine adds on top is not the gateway's to
	 * bound. The first request of a run, with every class still cold, took 4.5 s at a
	 * load average of 13, and a client that gave up at WebTestClient's default of 5 s
	 * threw an exception no await retries. So the client waits as long as the test: a
	 * slow answer is still an answer, and only a missing one fails.
	 */
	static final Duration PATIENCE = Duration.ofSeconds(30);

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		instances().forEach((name, value) -> registry.add(name, () -> value));
	}

	static Map<String, String> instances() {
		return Map.of("spring.cloud.discovery.client.simple.instances.search-root[0].uri", v1.uri().toString(),
				"spring.cloud.discovery.client.simple.instances.search-root-v2[0].uri", v2.uri().toString());
	}

	@AfterAll
	static void stopBackends() {
		v1.close();
		v2.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	WebTestClient http;

	@Value("${resilience4j.timelimiter.instances.search-experiment.timeout-duration}")
	Duration timeLimit;

	@BeforeEach
	void bothVariantsAreServing() {
		assertThat(PATIENCE).as("the client outwaits the gateway's own time limit many times over")
			.isGreaterThan(this.timeLimit.multipliedBy(10));
		this.http = client(this.port);
		// The health-checked load balancer knows no ready instance until its first check.
		for (String variant : List.of("v1", "v2")) {
			await().atMost(PATIENCE)
				.untilAsserted(
						() -> this.http.get().uri(PATH).header("X-Variant", variant).exchange().expectStatus().isOk());
		}
	}

	@Test
	void everyUserReachesTheBackendOfTheVariantTheSplitChose() {
		int v1Before = v1.requestCount();
		int v2Before = v2.requestCount();
		double v2CountedBefore = counted("v2");
		Map<String, Integer> perVariant = new HashMap<>();
		for (int i = 0; i < 300; i++) {
			String expected = SPLIT.variantFor("user:user-" + i);
			EntityExchangeResult<String> result = this.http.get()
				.uri(PATH)
				.cookie("suite-user", "user-" + i)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Variant", expected)
				.expectBody(String.class)
				.returnResult();
			assertThat(result.getResponseBody()).contains(expected.equals("v2") ? "search-root-v2" : "\"search-root\"");
			perVariant.merge(expected, 1, Integer::sum);
		}
		assertThat(perVariant.get("v2")).as("the sample must reach both variants").isPositive();
		assertThat(v2.requestCount() - v2Before).isEqualTo(perVariant.get("v2"));
		assertThat(v1.requestCount() - v1Before).isEqualTo(perVariant.get("v1"));
		assertThat(counted("v2") - v2CountedBefore).isEqualTo(perVariant.get("v2").doubleValue());
		assertThat(v2.received().subList(v2Before, v2.requestCount()))
			.allSatisfy((request) -> assertThat(request.header("X-Variant")).isEqualTo("v2"));
	}

	@Test
	void aUserStaysOnItsVariantOnEveryRequest() {
		String cookieUserInV2 = firstUserIn("v2", "user:");
		String addressInV2 = firstUserIn("v2", "ip:");
		for (int i = 0; i < 20; i++) {
			this.http.get()
				.uri(PATH)
				.cookie("suite-user", cookieUserInV2)
				.exchange()
				.expectHeader()
				.valueEquals("X-Variant", "v2");
			this.http.get()
				.uri(PATH)
				.header("X-Forwarded-For", addressInV2)
				.exchange()
				.expectHeader()
				.valueEquals("X-Variant", "v2");
			// No key, no cookie, no proxy: the test client's own address, which is in v1.
			this.http.get().uri(PATH).exchange().expectHeader().valueEquals("X-Variant", "v1");
		}
	}

	@Test
	void theVariantHeaderOrCookieForcesAVariant() {
		String userInV1 = firstUserIn("v1", "user:");
		int v2Before = v2.requestCount();
		this.http.get()
			.uri(PATH)
			.cookie("suite-user", userInV1)
			.header("X-Variant", "v2")
			.exchange()
			.expectHeader()
			.valueEquals("X-Variant", "v2");
		assertThat(v2.requestCount()).isEqualTo(v2Before + 1);
		this.http.get()
			.uri(PATH)
			.cookie("suite-user", firstUserIn("v2", "user:"))
			.cookie("suite-variant", "v1")
			.exchange()
			.expectHeader()
			.valueEquals("X-Variant", "v1");
		// A variant the route does not have is ignored, not an error.
		this.http.get()
			.uri(PATH)
			.cookie("suite-user", userInV1)
			.header("X-Variant", "v3")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Variant", "v1");
	}

	@Test
	void aSecondGatewayWithTheSameConfigurationPutsEveryUserInTheSameVariant() {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.cloud.loadbalancer.health-check.interval=1s",
						"--spring.reactor.netty.shutdown-quiet-period=0s"));
		instances().forEach((name, value) -> args.add("--" + name + "=" + value));
		try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(GatewayApplication.class)
			.run(args.toArray(String[]::new))) {
			WebTestClient other = client(
					restarted.getEnvironment().getRequiredProperty("local.server.port", int.class));
			await().atMost(PATIENCE).untilAsserted(() -> other.get().uri(PATH).exchange().expectStatus().isOk());
			IntStream.range(0, 100).mapToObj((i) -> "user-" + i).forEach((user) -> {
				String here = variant(this.http, user);
				assertThat(variant(other, user)).as(user).isEqualTo(here);
			});
		}
	}

	private static String variant(WebTestClient client, String user) {
		return client.get()
			.uri(PATH)
			.cookie("suite-user", user)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Variant");
	}

	private static String firstUserIn(String variant, String source) {
		return IntStream.range(0, 1000)
			.mapToObj((i) -> source.equals("ip:") ? "10.1.0." + i % 250 : "user-" + i)
			.filter((user) -> SPLIT.variantFor(source + user).equals(variant))
			.findFirst()
			.orElseThrow();
	}

	private double counted(String variant) {
		return this.meters
			.counter(RequestSplitGatewayFilterFactory.METRIC, "route", "search-experiment", "variant", variant)
			.count();
	}

	private static WebTestClient client(int port) {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(PATIENCE).build();
	}

}
