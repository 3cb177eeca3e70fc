package dev.ddspatterns.thumbnailer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.ddspatterns.testsupport.kafka.KafkaBroker;
import dev.ddspatterns.testsupport.redis.RedisServers;
import dev.ddspatterns.thumbnailer.jobs.Job;
import dev.ddspatterns.thumbnailer.jobs.JobState;
import dev.ddspatterns.thumbnailer.media.ThumbnailRenderer;
import dev.ddspatterns.thumbnailer.pipeline.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

/**
 * A record that makes a stage throw an {@link Error} fails its own job and nothing else:
 * Spring Kafka stops a listener container on an {@code Error}, which would leave the
 * stage without a consumer for every job after it. And if a container does stop, the
 * instance says so on its readiness and liveness probes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "suite.thumbnailer.retry.interval=50ms")
class StageFailureIntegrationTests {

	/** Thumbnails of this width make the renderer throw an Error: the injected fault. */
	private static final int POISON_WIDTH = 17;

	@RegisterExtension
	static final KafkaBroker kafka = KafkaBroker.kraft();

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@TempDir
	static Path blobs;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		PipelineTesting.register(registry, kafka, redis, () -> blobs);
	}

	@MockitoSpyBean
	ThumbnailRenderer renderer;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@LocalServerPort
	int port;

	PipelineTesting pipeline;

	@BeforeEach
	void client() {
		this.pipeline = new PipelineTesting(
				RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build());
		doThrow(new StackOverflowError("injected")).when(this.renderer)
			.render(any(Path.class), argThat((size) -> size.width() == POISON_WIDTH));
	}

	@Test
	void anErrorInAStageFailsThatJobAndTheStageKeepsConsuming() {
		byte[] picture = TestMedia.picture(64, 48, "png");
		String poisoned = this.pipeline.upload(picture, "image/png", Map.of("width", String.valueOf(POISON_WIDTH)));
		Job failed = this.pipeline.awaitEnd(poisoned);
		assertThat(failed.state()).isEqualTo(JobState.FAILED);
		assertThat(failed.reason()).contains("StackOverflowError");
		assertThat(PipelineTesting.records(kafka, Topics.IMAGES + Topics.DLT_SUFFIX, (key) -> key.startsWith(poisoned)))
			.hasSize(1);

		assertThat(this.listeners.getListenerContainer("image-worker").isRunning()).isTrue();
		for (int i = 0; i < 3; i++) {
			String healthy = this.pipeline.upload(picture, "image/png", Map.of("width", "32"));
			assertThat(this.pipeline.awaitEnd(healthy).state()).isEqualTo(JobState.DONE);
		}
		this.pipeline.get("/readyz").expectStatus().isOk();
	}

	@Test
	void everyStageRunsTheConsumerThreadsOfTheProperties() {
		// stage-concurrency and worker-concurrency, both 2 by default
		// (pipeline.ListenerConcurrency)
		assertThat(this.listeners.getListenerContainers()).hasSize(9)
			.allSatisfy((container) -> assertThat(container).isInstanceOfSatisfying(
					ConcurrentMessageListenerContainer.class,
					(concurrent) -> assertThat(concurrent.getConcurrency()).as(container.getListenerId())
						.isEqualTo(2)));
	}

	@Test
	void aStoppedStageMakesTheInstanceUnreadyAndNotLive() {
		this.pipeline.get("/readyz").expectStatus().isOk();
		MessageListenerContainer reduce = this.listeners.getListenerContainer("reduce");
		reduce.stop();
		try {
			this.pipeline.get("/readyz").expectStatus().isEqualTo(503);
			this.pipeline.get("/livez").expectStatus().isEqualTo(503);
			this.pipeline.get("/actuator/health/pipeline/reduce")
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("DOWN");
			this.pipeline.get("/actuator/health/pipeline/filter").expectStatus().isOk();
		}
		finally {
			reduce.start();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> this.pipeline.get("/readyz").expectStatus().isOk());
	}

}
