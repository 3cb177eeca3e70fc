package dev.ddspatterns.thumbnailer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.ddspatterns.testsupport.JvmProcess;
import dev.ddspatterns.testsupport.kafka.KafkaBroker;
import dev.ddspatterns.testsupport.redis.RedisServers;
import dev.ddspatterns.thumbnailer.jobs.Job;
import dev.ddspatterns.thumbnailer.jobs.JobState;
import dev.ddspatterns.thumbnailer.pipeline.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two thumbnailer instances share the work through Kafka's consumer groups, and one of
 * them dies mid-job: this test's context is one instance, a separate process the other.
 * The child holds every thumbnail it makes uncommitted for a long time (fault injection),
 * so killing it with SIGKILL is guaranteed to strand written-but-uncommitted work that
 * Kafka must deliver again to the survivor.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "suite.instance-id=parent")
class WorkerFailoverIntegrationTests {

	private static final String CHILD = "child";

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

	@LocalServerPort
	int port;

	@Test
	void twoInstancesShareAJobAndAKilledInstancesUncommittedFramesAreRedoneOnce() throws Exception {
		PipelineTesting pipeline = new PipelineTesting(
				RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build());
		byte[] video = Files.readAllBytes(TestMedia.video(blobs.resolve("clip.mp4"), 30, 160, 120));
		try (JvmProcess child = JvmProcess.launch(ThumbnailerApplication.class, blobs.resolve("child.log"),
				List.of("-Xmx512m"),
				List.of("spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
						"spring.data.redis.host=" + redis.server().host(),
						"spring.data.redis.port=" + redis.server().port(), "suite.thumbnailer.blob-dir=" + blobs,
						"suite.instance-id=" + CHILD, "suite.thumbnailer.faults.worker-hold-before-commit=60s",
						"spring.kafka.consumer.properties.session.timeout.ms=6000",
						"spring.kafka.consumer.properties.heartbeat.interval.ms=1000"))) {
			child.awaitReady(Duration.ofSeconds(90));
			PipelineTesting.awaitConsumers(kafka, "thumbnailer-frame-worker", List.of("parent", CHILD));

			// One frame a second: 30 work items keyed by frame, spread over both
			// instances.
			String jobId = pipeline.upload(video, "video/mp4", Map.of("interval", "1", "width", "64", "height", "48"));
			await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.job(jobId).workers().containsKey(CHILD));
			child.kill();

			Job job = pipeline.awaitEnd(jobId);
			assertThat(job.state()).isEqualTo(JobState.DONE);
			assertThat(job.workers()).containsKeys("parent", CHILD);
			assertThat(job.workers().values().stream().mapToLong(Long::longValue).sum())
				.as("the killed instance's uncommitted frames were made again")
				.isGreaterThan(30);
			assertThat(pipeline.thumbnails(jobId)).hasSize(30);
			assertThat(filesUnder(blobs.resolve("jobs").resolve(jobId).resolve("thumbs"))).hasSize(30)
				.allMatch((name) -> name.endsWith(".jpg"));
			assertThat(PipelineTesting.records(kafka, Topics.VIDEOS_COMPLETED, jobId)).as("the join fired once")
				.hasSize(1);
		}
	}

	private static List<String> filesUnder(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
