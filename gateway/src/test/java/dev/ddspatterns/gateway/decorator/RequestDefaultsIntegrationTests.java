package dev.ddspatterns.gateway.decorator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.ddspatterns.gateway.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request decorator on the jobs route, as configured in {@code application.yml}
 * ({@code width: 256}, {@code height: 144}, {@code format: jpg}, 64 KB), in front of a
 * real backend that records the bodies it receives.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RequestDefaultsIntegrationTests {

	static final TestBackend thumbnailer = TestBackend.start("thumbnailer");

	static final JsonMapper json = JsonMapper.builder().build();

	static final int LIMIT = 64 * 1024;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.thumbnailer[0].uri",
				() -> thumbnailer.uri().toString());
	}

	@AfterAll
	static void stopBackend() {
		thumbnailer.close();
	}

	@LocalServerPort
	int port;

	WebTestClient http;

	@BeforeEach
	void gatewayRoutesToTheBackend() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
		thumbnailer.respond(202, "application/json", "{\"id\":\"job-1\"}", Map.of());
		// The health-checked load balancer knows no ready instance until its first check,
		// and a cold gateway on a busy machine may miss the route's time limit at first.
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.untilAsserted(() -> this.http.get().uri("/api/v1/jobs/ready").exchange().expectStatus().isAccepted());
	}

	@Test
	void missingFieldsReachTheBackendWithTheirDefaults() {
		postJson("{\"url\":\"https://example.org/cat.png\"}").expectStatus().isAccepted();

		TestBackend.Received received = lastReceived();
		assertThat(received.path()).isEqualTo("/v1/jobs");
		JsonNode body = json.readTree(received.body());
		assertThat(body.get("url").asString()).isEqualTo("https://example.org/cat.png");
		assertThat(body.get("width").isInt()).isTrue();
		assertThat(body.get("width").asInt()).isEqualTo(256);
		assertThat(body.get("height").asInt()).isEqualTo(144);
		assertThat(body.get("format").asString()).isEqualTo("jpg");
		assertThat(received.header("Content-Length")).isEqualTo(Integer.toString(received.body().length));
	}

	@Test
	void fieldsTheRequestSetsAreKept() {
		postJson("{\"url\":\"https://example.org/cat.png\",\"width\":640}").expectStatus().isAccepted();

		JsonNode body = json.readTree(lastReceived().body());
		assertThat(body.get("width").asInt()).isEqualTo(640);
		assertThat(body.get("height").asInt()).isEqualTo(144);
		assertThat(body.get("format").asString()).isEqualTo("jpg");
	}

	@Test
	void malformedJsonIsAnInvalidRequestProblemAndNeverReachesTheBackend() {
		int reached = thumbnailer.requestCount();
		for (String malformed : new String[] { "{\"image\": cat.png", "[\"cat.png\"]" }) {
			postJson(malformed).expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:dds-suite:problem:invalid-request")
				.jsonPath("$.status")
				.isEqualTo(400);
		}
		assertThat(thumbnailer.requestCount()).isEqualTo(reached);
	}

	@Test
	void bodyOverTheLimitIsPayloadTooLargeWhetherItsLengthIsDeclaredOrNot() {
		int reached = thumbnailer.requestCount();
		String oversize = "{\"image\":\"" + "x".repeat(LIMIT) + "\"}";
		assertPayloadTooLarge(postJson(oversize));

		Flux<DataBuffer> chunked = Flux.range(0, 17)
			.map((chunk) -> DefaultDataBufferFactory.sharedInstance
				.wrap(((chunk == 0) ? "{\"image\":\"" : "x".repeat(4096)).getBytes(StandardCharsets.UTF_8)));
		assertPayloadTooLarge(this.http.post()
			.uri("/api/v1/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunked, DataBuffer.class)
			.exchange());
		assertThat(thumbnailer.requestCount()).isEqualTo(reached);
	}

	@Test
	void nonJsonBodiesPassThroughUntouched() {
		this.http.post()
			.uri("/api/v1/jobs")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("width=1")
			.exchange()
			.expectStatus()
			.isAccepted();

		assertThat(lastReceived().bodyText()).isEqualTo("width=1");
	}

	private WebTestClient.ResponseSpec postJson(String body) {
		return this.http.post().uri("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private static void assertPayloadTooLarge(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:dds-suite:problem:payload-too-large")
			.jsonPath("$.instance")
			.isEqualTo("/api/v1/jobs");
	}

	private static TestBackend.Received lastReceived() {
		return thumbnailer.received().getLast();
	}

}
