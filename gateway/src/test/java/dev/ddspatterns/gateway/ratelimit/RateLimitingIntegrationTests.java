package dev.ddspatterns.gateway.ratelimit;

import dev.ddspatterns.gateway.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.ddspatterns.gateway.GatewayApplication;
import dev.ddspatterns.gateway.TestBackend;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RateLimit filter end to end: real HTTP into the gateway, a real Redis, a real
 * backend, and a clock the test moves. Route {@code limited} refills 1 token per second
 * up to 5; route {@code costly} refills 1 per second up to 4 and a request costs 2.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RateLimitingIntegrationTests {

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
		gatewayProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	/** Routes and settings, for this test's gateway and the second one it starts. */
	static Map<String, String> gatewayProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.url", redis.server().uri());
		properties.put("suite.gateway.rate-limit.trusted-proxies", "127.0.0.2");
		// Redis is healthy here; a generous timeout keeps a busy build machine from
		// failing open.
		properties.put("suite.gateway.rate-limit.timeout", "2s");
		route(properties, 0, "limited", "RateLimit=1, 5");
		route(properties, 1, "costly", "RateLimit=1, 4, 2");
		route(properties, 2, "cached", "RateLimit=1, 5");
		properties.put("spring.cloud.gateway.server.webflux.routes[2].filters[1]", "ResponseCache=30s,1MB");
		return properties;
	}

	private static void route(Map<String, String> properties, int index, String id, String filter) {
		String route = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		properties.put(route + "id", id);
		properties.put(route + "uri", backend.uri().toString());
		properties.put(route + "predicates[0]", "Path=/" + id);
		properties.put(route + "filters[0]", filter);
	}

	@AfterAll
	static void stopBackend() {
		backend.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	ReactiveStringRedisTemplate redisTemplate;

	@BeforeEach
	void everyTestStartsWithFullBuckets() {
		this.redisTemplate.execute((connection) -> connection.serverCommands().flushAll()).blockLast();
	}

	@Test
	void aBurstBeyondTheCapacityIsLimitedUntilTheClockRefillsTheBucket() {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		int before = backend.requestCount();

		List<EntityExchangeResult<byte[]>> burst = IntStream.range(0, 8)
			.mapToObj((i) -> get(http, "/limited", apiKey("burst")))
			.toList();
		assertThat(burst).extracting((result) -> result.getStatus().value())
			.containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
		assertThat(burst.subList(0, 5)).extracting((result) -> header(result, "X-RateLimit-Remaining"))
			.containsExactly("4", "3", "2", "1", "0");
		assertThat(backend.requestCount()).as("refused requests never reach the backend").isEqualTo(before + 5);

		clock.advance(Duration.ofSeconds(2));
		assertThat(Stream.generate(() -> get(http, "/limited", apiKey("burst")).getStatus().value()).limit(3))
			.as("two seconds at one token per second: two more")
			.containsExactly(200, 200, 429);
	}

	@Test
	void answersFromTheResponseCacheCountAgainstTheLimitToo() {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		int before = backend.requestCount();
		List<EntityExchangeResult<byte[]>> burst = IntStream.range(0, 8)
			.mapToObj((i) -> get(http, "/cached", apiKey("cached")))
			.toList();
		assertThat(burst).extracting((result) -> result.getStatus().value())
			.containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
		assertThat(burst.subList(1, 5)).extracting((result) -> header(result, "X-Cache")).containsOnly("HIT");
		assertThat(backend.requestCount()).as("only the first request reaches the backend").isEqualTo(before + 1);
	}

	@Test
	void aLimitedRequestIsARateLimitedProblemThatSaysWhenToRetry() {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		http.get()
			.uri("/costly")
			.header("X-API-Key", "dear")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "2")
			.expectHeader()
			.valueEquals("X-RateLimit-Replenish-Rate", "1")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "4")
			.expectHeader()
			.valueEquals("X-RateLimit-Requested-Tokens", "2");
		get(http, "/costly", apiKey("dear"));

		http.get()
			.uri("/costly")
			.header("X-API-Key", "dear")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "2")
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "0")
			.expectHeader()
			.valueEquals("X-RateLimit-Replenish-Rate", "1")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "4")
			.expectHeader()
			.valueEquals("X-RateLimit-Requested-Tokens", "2")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:dds-suite:problem:rate-limited")
			.jsonPath("$.status")
			.isEqualTo(429)
			.jsonPath("$.title")
			.isEqualTo("Rate limited")
			.jsonPath("$.instance")
			.isEqualTo("/costly");

		clock.advance(Duration.ofMillis(1500));
		assertThat(header(get(http, "/costly", apiKey("dear")), HttpHeaders.RETRY_AFTER))
			.as("half a token short: Retry-After rounds up to the next whole second")
			.isEqualTo("1");
		clock.advance(Duration.ofMillis(500));
		assertThat(get(http, "/costly", apiKey("dear")).getStatus().value()).isEqualTo(200);
	}

	@Test
	void eachApiKeyAndEachClientAddressHasItsOwnBucket() {
		WebTestClient first = LoopbackClient.from("127.0.0.1", this.port);
		WebTestClient second = LoopbackClient.from("127.0.0.3", this.port);

		exhaust(first, apiKey("alice"));
		assertThat(status(first, apiKey("bob"))).as("another key, another bucket").isEqualTo(200);
		assertThat(status(second, apiKey("alice"))).as("a key is one caller from anywhere").isEqualTo(429);

		exhaust(first, noHeaders());
		assertThat(status(second, noHeaders())).as("another address, another bucket").isEqualTo(200);
		assertThat(status(first, apiKey("carol"))).as("a key takes precedence over the address").isEqualTo(200);
	}

	@Test
	void forwardedForCountsOnlyWhenATrustedProxySendsIt() {
		WebTestClient proxy = LoopbackClient.from("127.0.0.2", this.port);
		WebTestClient direct = LoopbackClient.from("127.0.0.1", this.port);

		exhaust(proxy, forwardedFor("203.0.113.7"));
		assertThat(status(proxy, forwardedFor("203.0.113.8"))).as("another client behind the trusted proxy")
			.isEqualTo(200);

		for (int i = 0; i < 5; i++) {
			assertThat(status(direct, forwardedFor("198.51.100." + i))).isEqualTo(200);
		}
		assertThat(status(direct, forwardedFor("198.51.100.99")))
			.as("an untrusted peer cannot pick a fresh bucket by inventing X-Forwarded-For")
			.isEqualTo(429);
		assertThat(status(direct, noHeaders())).isEqualTo(429);
	}

	@Test
	void gatewaysSharingOneRedisShareEachCallersLimit() {
		try (ConfigurableApplicationContext other = startAnotherGateway()) {
			int otherPort = other.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			WebTestClient viaThis = LoopbackClient.from("127.0.0.1", this.port);
			WebTestClient viaOther = LoopbackClient.from("127.0.0.1", otherPort);

			assertThat(Stream.of(viaThis, viaThis, viaThis, viaOther, viaOther)
				.map((http) -> header(get(http, "/limited", apiKey("shared")), "X-RateLimit-Remaining")))
				.containsExactly("4", "3", "2", "1", "0");
			assertThat(status(viaOther, apiKey("shared"))).isEqualTo(429);
			assertThat(status(viaThis, apiKey("shared"))).isEqualTo(429);
		}
	}

	/**
	 * A second replica with the same routes and Redis. Properties go in as command-line
	 * arguments so that they win over application.yml, as they would in a deployment.
	 */
	private static ConfigurableApplicationContext startAnotherGateway() {
		String[] args = Stream
			.concat(Stream.of("--server.port=0"),
					gatewayProperties().entrySet()
						.stream()
						.map((property) -> "--" + property.getKey() + "=" + property.getValue()))
			.toArray(String[]::new);
		ApplicationContextInitializer<ConfigurableApplicationContext> sameClock = (context) -> context.getBeanFactory()
			.registerSingleton("rateLimitClock", clock);
		return new SpringApplicationBuilder(GatewayApplication.class).main(GatewayApplication.class)
			.initializers(sameClock)
			.run(args);
	}

	private void exhaust(WebTestClient http, Consumer<HttpHeaders> headers) {
		for (int i = 0; i < 5; i++) {
			assertThat(status(http, headers)).as("request %d of a burst of 5", i + 1).isEqualTo(200);
		}
		assertThat(status(http, headers)).as("request 6 of a burst of 5").isEqualTo(429);
	}

	private static int status(WebTestClient http, Consumer<HttpHeaders> headers) {
		return get(http, "/limited", headers).getStatus().value();
	}

	private static EntityExchangeResult<byte[]> get(WebTestClient http, String path, Consumer<HttpHeaders> headers) {
		return http.get().uri(path).headers(headers).exchange().expectBody().returnResult();
	}

	private static String header(EntityExchangeResult<?> result, String name) {
		return result.getResponseHeaders().getFirst(name);
	}

	private static Consumer<HttpHeaders> apiKey(String key) {
		return (headers) -> headers.set("X-API-Key", key);
	}

	private static Consumer<HttpHeaders> forwardedFor(String address) {
		return (headers) -> headers.set("X-Forwarded-For", address);
	}

	private static Consumer<HttpHeaders> noHeaders() {
		return (headers) -> {
		};
	}

}
