package dev.ddspatterns.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.MountableFile;

import dev.ddspatterns.testsupport.tls.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's image at the edge: TLS terminated with a certificate made for the test
 * (the backend, cache-service, is plain HTTP inside the network), the rate limiter's
 * token bucket in a Redis container, and the circuit breaker opening on a frozen backend
 * container.
 */
class GatewaySystemTests {

	private static final SuiteHttp http = new SuiteHttp();

	private static TestCertificates certificates;

	private static Network network;

	private static GenericContainer<?> redisEdge;

	private static GenericContainer<?> redisShard;

	private static GenericContainer<?> cache;

	private static GenericContainer<?> gateway;

	@BeforeAll
	static void start() throws Exception {
		network = SuiteContainers.network();
		certificates = TestCertificates.generate(Files.createTempDirectory("gateway-tls"));
		redisEdge = SuiteContainers.redis(network, "redis-edge");
		redisShard = SuiteContainers.redis(network, "redis-shard-0");
		Startables.deepStart(redisEdge, redisShard).join();
		cache = SuiteContainers.app(network, "cache-service", "cache-service", 8081)
			.withEnv("SUITE_CACHE_SHARDS_0_NAME", "shard-0")
			.withEnv("SUITE_CACHE_SHARDS_0_PRIMARY", "redis://redis-shard-0:6379");
		cache.start();
		// The search route is pointed at cache-service too: the rate-limit test needs a
		// route
		// with a small limit, and answers 404 there do not matter to it.
		gateway = SuiteContainers.app(network, "gateway", "gateway", 8080)
			.withExposedPorts(8080, 8443)
			.withEnv("SPRING_DATA_REDIS_HOST", "redis-edge")
			.withEnv("SPRING_DATA_REDIS_PORT", "6379")
			// A burst on a cold gateway sharing two cores can keep the limiter waiting on
			// Redis longer than the 100 ms after which it fails open.
			.withEnv("SUITE_GATEWAY_RATE_LIMIT_TIMEOUT", "1s")
			.withEnv("SPRING_APPLICATION_JSON", """
					{"spring.cloud.discovery.client.simple.instances": {
					  "cache-service": [{"uri": "http://cache-service:8081"}],
					  "search-root": [{"uri": "http://cache-service:8081"}]}}""")
			.withCopyFileToContainer(MountableFile.forHostPath(certificates.certificate(), 0644), "/certs/tls.crt")
			.withCopyFileToContainer(MountableFile.forHostPath(certificates.privateKey(), 0644), "/certs/tls.key")
			.withEnv("SPRING_SSL_BUNDLE_PEM_GATEWAY_KEYSTORE_CERTIFICATE", "file:/certs/tls.crt")
			.withEnv("SPRING_SSL_BUNDLE_PEM_GATEWAY_KEYSTORE_PRIVATE_KEY", "file:/certs/tls.key");
		gateway.start();
	}

	@AfterAll
	static void stop() {
		SuiteContainers.stop(network, gateway, cache, redisShard, redisEdge);
	}

	@Test
	void httpsIsTerminatedAtTheGatewayWithTheTestAuthoritysCertificate() {
		SuiteHttp https = new SuiteHttp(HttpClient.newBuilder().sslContext(certificates.clientContext()).build());
		String base = "https://localhost:" + gateway.getMappedPort(8443);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(https.put(base + "/api/v1/cache/over-tls", "text/plain", "sealed").statusCode())
						.isEqualTo(204));
		HttpResponse<String> read = https.get(base + "/api/v1/cache/over-tls");
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).isEqualTo("sealed");
		// cache-service, behind the gateway on plain HTTP, answered (it names the shard).
		assertThat(read.headers().firstValue("X-Cache-Shard")).hasValue("shard-0");
		assertThat(read.headers().firstValue("Strict-Transport-Security")).isPresent();
		// A client that does not trust the test's authority gets no connection.
		assertThatThrownBy(() -> new SuiteHttp().get(base + "/api/v1/cache/over-tls"))
			.hasCauseInstanceOf(SSLHandshakeException.class);
	}

	@Test
	void aBurstOverTheLimitIsRefusedWith429sAndTheBucketLivesInRedis() throws InterruptedException {
		// The search route allows 10 requests/s in bursts of 20 per caller.
		String base = SuiteContainers.url(gateway, 8080);
		// Until its Redis connection is up the limiter fails open, as configured, and
		// says
		// nothing; a request that carries X-RateLimit-Remaining was counted in Redis.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http.get(base + "/api/v1/search?q=warm-up").headers().firstValue("X-RateLimit-Remaining"),
					Optional::isPresent);
		// Full again (it refills at 10 tokens/s).
		Thread.sleep(2000);
		double failedOpenBefore = rateLimiterRedisErrors(base);
		HttpClient client = HttpClient.newHttpClient();
		long started = System.nanoTime();
		List<HttpResponse<String>> answers = IntStream.range(0, 60)
			.mapToObj((i) -> client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/search?q=burst" + i))
				.timeout(Duration.ofSeconds(10))
				.build(), BodyHandlers.ofString()))
			.toList()
			.stream()
			.map(CompletableFuture::join)
			.toList();
		double seconds = (System.nanoTime() - started) / 1e9;
		List<HttpResponse<String>> refused = answers.stream().filter((answer) -> answer.statusCode() == 429).toList();
		long admitted = answers.size() - refused.size();
		// A token bucket admits at most its burst plus what it refilled meanwhile, and
		// the
		// limiter (fail-open) admits what it could not ask Redis about, which it counts.
		long failedOpen = (long) (rateLimiterRedisErrors(base) - failedOpenBefore);
		assertThat(admitted).isLessThanOrEqualTo(20 + (long) Math.ceil(10 * seconds) + failedOpen);
		assertThat(refused).isNotEmpty().allSatisfy((answer) -> {
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(answer.headers().firstValue("Retry-After")).isPresent();
			assertThat(answer.headers().firstValue("X-RateLimit-Burst-Capacity")).hasValue("20");
		});
		// The buckets are in the Redis container.
		assertThat(redisKeys()).anySatisfy((key) -> assertThat(key).startsWith("rate-limit:{search:"));
	}

	@Test
	void aFrozenBackendOpensTheBreakerWhichThenAnswersAtOnce() {
		String base = SuiteContainers.url(gateway, 8080);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(http.put(base + "/api/v1/cache/breaker", "text/plain", "x").statusCode())
				.isEqualTo(204));
		SuiteContainers.pause(cache);
		try {
			// Calls time out (1 s) until enough have failed; then the open breaker
			// answers.
			HttpResponse<String> open = await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ZERO)
				.until(() -> http.get(base + "/api/v1/cache/breaker"),
						(answer) -> answer.headers().firstValue("Retry-After").isPresent());
			assertThat(open.statusCode()).isEqualTo(503);
			assertThat(open.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			long started = System.nanoTime();
			HttpResponse<String> again = http.get(base + "/api/v1/cache/breaker");
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(again.statusCode()).isEqualTo(503);
			// Without waiting for the backend's 1 s time limit.
			assertThat(took).isLessThan(Duration.ofSeconds(1));
		}
		finally {
			SuiteContainers.unpause(cache);
		}
		// Open for 10 s, then trial calls close it again.
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(http.get(base + "/api/v1/cache/breaker").statusCode()).isEqualTo(200));
	}

	private static double rateLimiterRedisErrors(String base) {
		return http.metric(base, "gateway_ratelimit_redis_errors_total");
	}

	private static List<String> redisKeys() {
		try {
			return redisEdge.execInContainer("redis-cli", "--scan").getStdout().lines().toList();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
