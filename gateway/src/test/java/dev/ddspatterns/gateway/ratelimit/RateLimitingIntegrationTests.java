package dev.ddspatterns.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.ddspatterns.gateway.GatewayApplication;
import dev.ddspatterns.gateway.TestBackend;
import dev.ddspatterns.gateway.ratelimit.TokenBucket.Limit;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The RateLimit filter end to end: real HTTP into the gateway, a real Redis, a real
 * backend. Buckets run on Redis's clock, so the limits are chosen to make the time a test
 * takes irrelevant: on {@link #LIMITED} a request costs 20 tokens refilled at 1 per
 * second, so a burst of 5 is followed by 20 s of refusals, far longer than any test here
 * takes; where time does matter, the bound comes from the limit and the real time that
 * passed ({@link Allowance}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RateLimitingIntegrationTests {

	/** Bursts of 5 requests, then one more every 20 s. */
	static final Limit LIMITED = new Limit(1, 100, 20);

	/** Bursts of 2, and a refused request is 10 tokens short. */
	static final Limit COSTLY = new Limit(1, 20, 10);

	/** Bursts of 2, then one more every second. */
	static final Limit QUICK = new Limit(1, 2, 1);

	/**
	 * The jobs route's bucket, seen by an upload: a POST costs 20 of 41 tokens, refilled
	 * at 1 per second, so two uploads spend it and a third is refused for 19 s. A status
	 * read (GET) costs 1.
	 */
	static final Limit UPLOAD = new Limit(1, 41, 20);

	/** Bursts of 20, then 10 a second: the search route's limit. */
	static final Limit TEN_PER_SECOND = new Limit(10, 20, 1);

	/**
	 * Bursts of 20, then one a second, taken from Redis {@link #LEASE} tokens at a time.
	 */
	static final Limit LEASED = new Limit(1, 20, 1);

	/** The most tokens a request on route {@code leased} takes: its own and 4 more. */
	static final int LEASE = 5;

	/**
	 * The keys these tests call with, registered with the gateway by their SHA-256. Any
	 * other key is refused.
	 */
	static final List<String> REGISTERED_KEYS = List.of("alice", "bob", "carol", "burst", "patient", "dear", "cached",
			"shared", "leased");

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	static final TestBackend backend = TestBackend.start("backend");

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
		route(properties, 0, "limited", LIMITED);
		route(properties, 1, "costly", COSTLY);
		route(properties, 2, "quick", QUICK);
		route(properties, 3, "cached", LIMITED);
		properties.put("spring.cloud.gateway.server.webflux.routes[3].filters[1]", "ResponseCache=30s,1MB");
		// The client's path is /api/ten, the backend's /ten.
		route(properties, 4, "ten", TEN_PER_SECOND);
		properties.put("spring.cloud.gateway.server.webflux.routes[4].predicates[0]", "Path=/api/ten");
		properties.put("spring.cloud.gateway.server.webflux.routes[4].filters[1]", "RewritePath=/api/ten, /ten");
		// A jobs route: what a request costs depends on its method.
		namedRoute(properties, 5, "jobs", "Path=/api/v1/jobs/**,/api/v1/jobs", UPLOAD.replenishRate(),
				UPLOAD.burstCapacity(), Map.of("method-costs.POST", String.valueOf(UPLOAD.requestedTokens())));
		// A route with two tiers: leases of 5 tokens spent by each replica on its own.
		namedRoute(properties, 6, "leased", "Path=/leased", LEASED.replenishRate(), LEASED.burstCapacity(),
				Map.of("lease", String.valueOf(LEASE)));
		properties.putAll(RegisteredKeys.properties(REGISTERED_KEYS));
		return properties;
	}

	/** A route whose RateLimit filter is written out by name, with further arguments. */
	private static void namedRoute(Map<String, String> properties, int index, String id, String predicate, int rate,
			int burst, Map<String, String> args) {
		String route = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		properties.put(route + "id", id);
		properties.put(route + "uri", backend.uri().toString());
		properties.put(route + "predicates[0]", predicate);
		properties.put(route + "filters[0].name", "RateLimit");
		properties.put(route + "filters[0].args.replenish-rate", String.valueOf(rate));
		properties.put(route + "filters[0].args.burst-capacity", String.valueOf(burst));
		args.forEach((name, value) -> properties.put(route + "filters[0].args." + name, value));
	}

	private static void route(Map<String, String> properties, int index, String id, Limit limit) {
		String route = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		properties.put(route + "id", id);
		properties.put(route + "uri", backend.uri().toString());
		properties.put(route + "predicates[0]", "Path=/" + id);
		properties.put(route + "filters[0]",
				"RateLimit=" + limit.replenishRate() + ", " + limit.burstCapacity() + ", " + limit.requestedTokens());
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
	void aBurstBeyondTheCapacityIsLimited() {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		int before = backend.requestCount();
		Allowance allowance = Allowance.startingNow(LIMITED);

		List<EntityExchangeResult<byte[]>> burst = Stream.generate(() -> get(http, "/limited", apiKey("burst")))
			.limit(8)
			.toList();
		List<Integer> statuses = burst.stream().map((result) -> result.getStatus().value()).toList();
		assertThat(statuses.subList(0, 5)).as("a full bucket holds 5 requests").containsOnly(200);
		long served = statuses.stream().filter((status) -> status == 200).count();
		assertThat(served).as("the sixth costs 20 tokens, 20 s at 1 per second").isBetween(5L, allowance.requests());
		for (int i = 0; i < 5; i++) {
			long expected = 100 - 20 * (i + 1);
			assertThat(Long.parseLong(header(burst.get(i), "X-RateLimit-Remaining"))).isBetween(expected,
					expected + allowance.refilled());
		}
		assertThat(backend.requestCount()).as("refused requests never reach the backend")
			.isEqualTo(before + (int) served);
	}

	@Test
	void aRefusedCallerThatWaitsRetryAfterIsServed() {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		EntityExchangeResult<byte[]> refused = untilRefused(http, "/quick", apiKey("patient"));
		String retryAfter = header(refused, HttpHeaders.RETRY_AFTER);
		assertThat(retryAfter).as("less than a token short at 1 per second: rounded up to a whole second, never 0")
			.isEqualTo("1");
		// What a client is told to do: wait Retry-After, then ask again.
		sleep(Duration.ofSeconds(Long.parseLong(retryAfter)));
		assertThat(get(http, "/quick", apiKey("patient")).getStatus().value()).isEqualTo(200);
	}

	@Test
	void answersFromTheResponseCacheCountAgainstTheLimitToo() {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		int before = backend.requestCount();
		Allowance allowance = Allowance.startingNow(LIMITED);
		List<EntityExchangeResult<byte[]>> burst = Stream.generate(() -> get(http, "/cached", apiKey("cached")))
			.limit(8)
			.toList();
		List<Integer> statuses = burst.stream().map((result) -> result.getStatus().value()).toList();
		assertThat(statuses.subList(0, 5)).containsOnly(200);
		assertThat(statuses.stream().filter((status) -> status == 200).count()).isBetween(5L, allowance.requests());
		assertThat(burst.subList(1, 5)).extracting((result) -> header(result, "X-Cache")).containsOnly("HIT");
		assertThat(backend.requestCount()).as("only the first request reaches the backend").isEqualTo(before + 1);
	}

	@Test
	void aLimitedRequestIsARateLimitedProblemThatSaysWhenToRetry() {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		Allowance allowance = Allowance.startingNow(COSTLY);
		http.get()
			.uri("/costly")
			.header("X-API-Key", "dear")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "10")
			.expectHeader()
			.valueEquals("X-RateLimit-Replenish-Rate", "1")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "20")
			.expectHeader()
			.valueEquals("X-RateLimit-Requested-Tokens", "10");
		get(http, "/costly", apiKey("dear"));

		EntityExchangeResult<ProblemDetail> refused = http.get()
			.uri("/costly")
			.header("X-API-Key", "dear")
			.exchange()
			.expectBody(ProblemDetail.class)
			.returnResult();
		assertThat(problem(refused, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "/costly").getTitle())
			.isEqualTo("Rate limited");
		assertThat(header(refused, "X-RateLimit-Replenish-Rate")).isEqualTo("1");
		assertThat(header(refused, "X-RateLimit-Burst-Capacity")).isEqualTo("20");
		assertThat(header(refused, "X-RateLimit-Requested-Tokens")).isEqualTo("10");
		long refilled = allowance.refilled();
		assertThat(Long.parseLong(header(refused, "X-RateLimit-Remaining"))).isBetween(0L, refilled);
		assertThat(Long.parseLong(header(refused, HttpHeaders.RETRY_AFTER)))
			.as("10 tokens short at 1 per second, less what refilled since the first request")
			.isBetween(10 - refilled, 10L);
	}

	/**
	 * A client that invents a key per request (issue 17: 200 random keys were 200 answers
	 * and no 429): only registered keys name a caller, so an invented one is refused
	 * before any bucket is touched. A registered key is limited to its allowance.
	 */
	@Test
	void inventedKeysBuyNothingAndARegisteredKeyGetsItsAllowance() {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		int before = backend.requestCount();
		Map<Integer, Long> invented = IntStream.range(0, 300)
			.mapToObj((i) -> get(http, "/api/ten", apiKey(UUID.randomUUID().toString())).getStatus().value())
			.collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
		assertThat(invented).as("300 invented keys (status: count)").containsExactly(entry(401, 300L));
		assertThat(backend.requestCount()).as("no invented key reaches the backend").isEqualTo(before);
		assertThat(this.redisTemplate.keys("rate-limit:{ten:*").collectList().block()).as("nor gets a bucket in Redis")
			.isEmpty();

		Allowance allowance = Allowance.startingNow(TEN_PER_SECOND);
		Map<Integer, Long> registered = Stream.generate(() -> get(http, "/api/ten", apiKey("alice")))
			.limit(100)
			.collect(
					Collectors.groupingBy((result) -> result.getStatus().value(), TreeMap::new, Collectors.counting()));
		assertThat(registered).as("100 requests with a registered key (status: count)").containsOnlyKeys(200, 429);
		assertThat(registered.get(200)).as("its burst of 20, and no more than refilled meanwhile")
			.isBetween(20L, allowance.requests());
	}

	@Test
	void anUnknownKeyIsAnUnauthorizedProblemForTheClientsPath() {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		EntityExchangeResult<ProblemDetail> refused = http.get()
			.uri("/api/ten")
			.header("X-API-Key", "invented")
			.exchange()
			.expectBody(ProblemDetail.class)
			.returnResult();
		assertThat(problem(refused, HttpStatus.UNAUTHORIZED, "unauthorized", "/api/ten").getDetail())
			.doesNotContain("invented");
		assertThat(header(refused, HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("ApiKey header=\"X-API-Key\"");
		assertThat(header(refused, "X-RateLimit-Remaining")).as("no bucket was looked at").isNull();
	}

	/**
	 * An upload starts seconds of work in the thumbnailer's pipeline, a status read is a
	 * lookup: on the jobs route a POST costs 20 tokens and a GET 1, from one bucket of 41
	 * per caller. Two uploads spend 40; the third is refused, while the caller can still
	 * read the status of its jobs.
	 */
	@Test
	void onTheJobsRouteAnUploadCostsMoreThanAStatusRead() {
		WebTestClient http = LoopbackClient.from("127.0.0.1", this.port);
		int before = backend.requestCount();
		Allowance allowance = Allowance.startingNow(UPLOAD);
		EntityExchangeResult<byte[]> first = upload(http);
		EntityExchangeResult<byte[]> second = upload(http);
		assertThat(List.of(first, second)).extracting((result) -> result.getStatus().value()).containsOnly(200);
		assertThat(header(first, "X-RateLimit-Requested-Tokens")).isEqualTo("20");
		assertThat(Long.parseLong(header(second, "X-RateLimit-Remaining"))).as("41 - 2 x 20, plus what refilled")
			.isBetween(1L, 1 + allowance.refilled());

		EntityExchangeResult<ProblemDetail> third = http.post()
			.uri("/api/v1/jobs")
			.bodyValue("a third upload")
			.exchange()
			.expectBody(ProblemDetail.class)
			.returnResult();
		assertThat(problem(third, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "/api/v1/jobs").getDetail())
			.contains("a request costs 20");
		assertThat(header(third, "X-RateLimit-Requested-Tokens")).isEqualTo("20");
		http.get()
			.uri("/api/v1/jobs/42")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Requested-Tokens", "1");
		assertThat(backend.received().subList(before, backend.requestCount())).extracting(TestBackend.Received::method)
			.as("the refused upload never reached the backend")
			.containsExactly("POST", "POST", "GET");
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

	/**
	 * Two replicas, one of whose clocks is an hour ahead. The buckets run on Redis's
	 * clock, so the replica ahead refills nothing by its lead.
	 */
	@Test
	void gatewaysSharingOneRedisShareEachCallersLimitWhateverTheirClocks() {
		try (ConfigurableApplicationContext ahead = startAnotherGateway(
				Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))) {
			int aheadPort = ahead.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			WebTestClient viaThis = LoopbackClient.from("127.0.0.1", this.port);
			WebTestClient viaAhead = LoopbackClient.from("127.0.0.1", aheadPort);
			Allowance allowance = Allowance.startingNow(LIMITED);

			List<Integer> statuses = Stream
				.of(viaThis, viaThis, viaThis, viaAhead, viaAhead, viaAhead, viaAhead, viaAhead, viaThis, viaThis)
				.map((http) -> status(http, apiKey("shared")))
				.toList();
			assertThat(statuses.subList(0, 5)).as("the first 5 spend the bucket, 3 on one replica and 2 on the other")
				.containsOnly(200);
			assertThat(statuses.stream().filter((status) -> status == 200).count())
				.as("one bucket of 5 for both replicas, and one more every 20 s")
				.isBetween(5L, allowance.requests());
		}
	}

	/**
	 * With leases, each of two replicas takes 5 tokens from the shared bucket at a time
	 * and spends them without asking Redis, and remembers a refusal until the bucket can
	 * have refilled. Together they admit at most what the bucket itself admits plus one
	 * lease each ({@link TokenLeases}), at least the burst less what each may still hold
	 * unspent, and ask Redis far less than once a request.
	 */
	@Test
	void gatewaysWithLeasesAdmitAtMostTheLimitPlusALeaseEachAndAskRedisLess() {
		try (ConfigurableApplicationContext other = startAnotherGateway(Clock.systemUTC())) {
			int otherPort = other.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			List<WebTestClient> gateways = List.of(LoopbackClient.from("127.0.0.1", this.port),
					LoopbackClient.from("127.0.0.1", otherPort));
			long scriptsBefore = scriptCalls();
			Allowance allowance = Allowance.startingNow(LEASED);
			int requests = 80;
			long served = IntStream.range(0, requests)
				.filter((i) -> get(gateways.get(i % 2), "/leased", apiKey("leased")).getStatus().value() == 200)
				.count();
			long asked = scriptCalls() - scriptsBefore;

			assertThat(served).as("served of %d, alternating between two replicas with leases of %d", requests, LEASE)
				.isBetween((long) LEASED.burstCapacity() - 2 * LEASE, allowance.requests() + 2 * LEASE);
			assertThat(asked).as("Redis asked, for %d requests", requests).isLessThan(requests / 2);
		}
	}

	/** Token-bucket scripts Redis has run since it started (EVALSHA, or EVAL once). */
	private long scriptCalls() {
		Properties stats = this.redisTemplate.execute((connection) -> connection.serverCommands().info("commandstats"))
			.blockFirst();
		return Stream.of("cmdstat_evalsha", "cmdstat_eval")
			.map(stats::getProperty)
			.filter(Objects::nonNull)
			.mapToLong((line) -> Long.parseLong(line.replaceAll("^calls=(\\d+),.*$", "$1")))
			.sum();
	}

	/**
	 * A second replica with the same routes and Redis, and its own clock. Properties go
	 * in as command-line arguments so that they win over application.yml, as they would
	 * in a deployment.
	 */
	private static ConfigurableApplicationContext startAnotherGateway(Clock itsClock) {
		String[] args = Stream
			.concat(Stream.of("--server.port=0"),
					gatewayProperties().entrySet()
						.stream()
						.map((property) -> "--" + property.getKey() + "=" + property.getValue()))
			.toArray(String[]::new);
		ApplicationContextInitializer<ConfigurableApplicationContext> withClock = (context) -> context.getBeanFactory()
			.registerSingleton("gatewayClock", itsClock);
		return new SpringApplicationBuilder(GatewayApplication.class).main(GatewayApplication.class)
			.initializers(withClock)
			.run(args);
	}

	/**
	 * Spends a full bucket on {@link #LIMITED}: 5 requests served, the sixth refused, as
	 * long as the six take less than the 20 s one more request takes to refill.
	 */
	private void exhaust(WebTestClient http, Consumer<HttpHeaders> headers) {
		for (int i = 0; i < 5; i++) {
			assertThat(status(http, headers)).as("request %d of a burst of 5", i + 1).isEqualTo(200);
		}
		assertThat(status(http, headers)).as("request 6 of a burst of 5").isEqualTo(429);
	}

	/** Asks until refused; a full bucket of {@link #QUICK} holds 2 requests. */
	private static EntityExchangeResult<byte[]> untilRefused(WebTestClient http, String path,
			Consumer<HttpHeaders> headers) {
		List<Integer> served = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			EntityExchangeResult<byte[]> result = get(http, path, headers);
			if (result.getStatus().value() == 429) {
				return result;
			}
			served.add(result.getStatus().value());
		}
		throw new AssertionError("20 requests and never refused: " + served);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Checks that an answer is an RFC 9457 problem of the suite's {@code type} whose
	 * {@code instance} is the path the client sent.
	 * @return the problem, for further checks
	 */
	private static ProblemDetail problem(EntityExchangeResult<ProblemDetail> result, HttpStatus status, String type,
			String instance) {
		assertThat(result.getStatus()).isEqualTo(status);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		ProblemDetail problem = result.getResponseBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getType()).hasToString("urn:dds-suite:problem:" + type);
		assertThat(problem.getStatus()).isEqualTo(status.value());
		assertThat(problem.getInstance()).hasToString(instance);
		return problem;
	}

	private static EntityExchangeResult<byte[]> upload(WebTestClient http) {
		return http.post().uri("/api/v1/jobs").bodyValue("an upload").exchange().expectBody().returnResult();
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
