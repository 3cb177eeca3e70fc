package dev.ddspatterns.thumbnailer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.testsupport.JvmProcess;
import dev.ddspatterns.testsupport.kafka.KafkaBroker;
import dev.ddspatterns.testsupport.redis.RedisServers;
import dev.ddspatterns.thumbnailer.jobs.Job;
import dev.ddspatterns.thumbnailer.jobs.JobState;
import dev.ddspatterns.thumbnailer.jobs.JobSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap a job takes is bounded by the configured limits, whatever the job: two
 * instances run at the heap the compose file gives the thumbnailer ({@code -Xmx384m}),
 * exiting on an {@link OutOfMemoryError} as the container does, and are given the largest
 * job the API accepts and a tiny video of huge frames. Each job ends, no instance dies,
 * every stage keeps consumers on both, and small jobs submitted to each instance
 * afterwards complete.
 * <p>
 * Before the stages were bounded, the reduce stage decoded all of the first job's 120
 * thumbnails of 2048x2048 at once, and a frame worker decoded whole 8000x8000 frames:
 * both ran out of heap.
 */
class BoundedMemoryIntegrationTests {

	private static final List<String> INSTANCES = List.of("one", "two");

	private static final List<String> STAGES = List.of("filter", "splitter", "image-worker", "frame-worker", "join",
			"reduce", "copier", "merger");

	/** The API's maximum thumbnail side ({@code JobRequest}). */
	private static final String MAX_SIDE = "2048";

	/** The default {@code max-frames}: a 120 s video, one frame a second. */
	private static final int MAX_FRAMES = 120;

	/** The default {@code contact-sheet-max-pixels}. */
	private static final long SHEET_MAX_PIXELS = 8_000_000;

	@RegisterExtension
	static final KafkaBroker kafka = KafkaBroker.kraft();

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@TempDir
	static Path blobs;

	private static final List<JvmProcess> instances = new ArrayList<>();

	@BeforeAll
	static void startTwoInstancesAtTheComposeHeap() {
		for (String instance : INSTANCES) {
			instances.add(JvmProcess.launch(ThumbnailerApplication.class, blobs.resolve(instance + ".log"),
					List.of("-Xmx384m", "-XX:+ExitOnOutOfMemoryError"),
					List.of("spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
							"spring.data.redis.host=" + redis.server().host(),
							"spring.data.redis.port=" + redis.server().port(), "suite.thumbnailer.blob-dir=" + blobs,
							"suite.instance-id=" + instance)));
		}
		instances.forEach((instance) -> instance.awaitReady(Duration.ofSeconds(120)));
		STAGES.forEach((stage) -> PipelineTesting.awaitConsumers(kafka, "thumbnailer-" + stage, INSTANCES));
	}

	@AfterAll
	static void stopInstances() {
		instances.forEach(JvmProcess::close);
	}

	@Test
	void theLargestJobTheApiAcceptsEndsAndLeavesBothInstancesWorking() throws Exception {
		Path video = TestMedia.video(blobs.resolve("two-minutes.mp4"), MAX_FRAMES, 1920, 1080, 1);
		PipelineTesting pipeline = pipeline(0);
		String jobId = pipeline.upload(Files.readAllBytes(video), "video/mp4",
				Map.of("interval", "1", "width", MAX_SIDE, "height", MAX_SIDE));

		Job job = pipeline.awaitEnd(jobId, Duration.ofMinutes(5));

		assertThat(job.state()).as("reason: %s", job.reason()).isEqualTo(JobState.DONE);
		JobSummary summary = pipeline.summary(jobId);
		assertThat(summary.thumbnails()).isEqualTo(MAX_FRAMES);
		assertThat((long) summary.contactSheet().width() * summary.contactSheet().height())
			.isLessThanOrEqualTo(SHEET_MAX_PIXELS);
		assertBothInstancesStillWork();
	}

	@Test
	void aTinyVideoOfHugeFramesIsRefusedBeforeAFrameIsDecoded() throws Exception {
		Path video = TestMedia.hugeFrames(blobs.resolve("huge.webm"), 8000, 8000);
		assertThat(Files.size(video)).as("a small upload").isLessThan(1_000_000);
		PipelineTesting pipeline = pipeline(1);
		String jobId = pipeline.upload(Files.readAllBytes(video), "video/webm",
				Map.of("interval", "1", "width", MAX_SIDE, "height", MAX_SIDE));

		Job job = pipeline.awaitEnd(jobId, Duration.ofMinutes(2));

		assertThat(job.state()).isEqualTo(JobState.FAILED);
		assertThat(job.reason()).contains("8000x8000", "pixels");
		assertBothInstancesStillWork();
	}

	private static void assertBothInstancesStillWork() throws Exception {
		for (int i = 0; i < instances.size(); i++) {
			assertThat(instances.get(i).isAlive()).as(INSTANCES.get(i) + " is alive").isTrue();
			assertThat(instances.get(i).isReady()).as(INSTANCES.get(i) + " is ready").isTrue();
		}
		STAGES.forEach((stage) -> PipelineTesting.awaitConsumers(kafka, "thumbnailer-" + stage, INSTANCES));
		Path small = TestMedia.video(blobs.resolve("small.mp4"), 10, 160, 120);
		for (int i = 0; i < instances.size(); i++) {
			PipelineTesting pipeline = pipeline(i);
			String jobId = pipeline.upload(Files.readAllBytes(small), "video/mp4", Map.of("interval", "1"));
			assertThat(pipeline.awaitEnd(jobId).state()).as("a small job on " + INSTANCES.get(i))
				.isEqualTo(JobState.DONE);
		}
	}

	private static PipelineTesting pipeline(int instance) {
		return new PipelineTesting(
				RestTestClient.bindToServer().baseUrl("http://localhost:" + instances.get(instance).port()).build());
	}

}
