package dev.ddspatterns.thumbnailer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import dev.ddspatterns.testsupport.kafka.KafkaBroker;
import dev.ddspatterns.testsupport.redis.RedisServers;
import dev.ddspatterns.thumbnailer.jobs.Job;
import dev.ddspatterns.thumbnailer.jobs.JobState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention against a real Kafka broker and Redis server: a job's blobs leave the blob
 * directory when its state expires or when it is deleted, and a store over its bound
 * refuses new jobs while the ones it accepted finish. What is on disk is listed from the
 * blob directory itself, not asked of the app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "suite.thumbnailer.max-source-size=1MB", "suite.thumbnailer.retry.interval=50ms",
				"suite.thumbnailer.retention=20s", "suite.thumbnailer.storage.max-stored=16MB",
				"suite.thumbnailer.storage.sweep-interval=250ms", "suite.thumbnailer.callback-timeout=60s" })
class RetentionIntegrationTests {

	/**
	 * What a loaded two-core machine adds to any wait, on top of what the configuration
	 * says.
	 */
	private static final Duration SLACK = Duration.ofSeconds(15);

	@RegisterExtension
	static final KafkaBroker kafka = KafkaBroker.kraft();

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@TempDir
	static Path blobs;

	/** Holds each request for {@code /held.png} until the test lets it go. */
	static final AtomicReference<CountDownLatch> held = new AtomicReference<>(new CountDownLatch(0));

	static final HttpServer origin = PipelineTesting.origin();

	static {
		byte[] picture = TestMedia.picture(120, 80, "png");
		origin.createContext("/held.png", (exchange) -> {
			try {
				held.get().await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.getResponseHeaders().set("Content-Type", "image/png");
			exchange.sendResponseHeaders(200, picture.length);
			exchange.getResponseBody().write(picture);
			exchange.close();
		});
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		PipelineTesting.register(registry, kafka, redis, () -> blobs);
		registry.add("suite.thumbnailer.source-origins[0]", () -> PipelineTesting.baseUrl(origin));
	}

	@AfterAll
	static void stopOrigin() {
		origin.stop(0);
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ThumbnailerProperties properties;

	PipelineTesting pipeline;

	@BeforeEach
	void client() {
		this.pipeline = PipelineTesting.onPort(this.port);
	}

	@Test
	void theBlobsOfAJobGoWhenItsStateExpiresWhetherItWasDoneOrFailed() {
		String done = this.pipeline.upload(TestMedia.picture(200, 100, "png"), "image/png", Map.of());
		String failed = this.pipeline.upload(TestMedia.corruptJpeg(), "image/jpeg", Map.of());
		assertThat(this.pipeline.awaitEnd(done).state()).isEqualTo(JobState.DONE);
		assertThat(this.pipeline.awaitEnd(failed).state()).isEqualTo(JobState.FAILED);
		assertThat(filesOf(done)).containsExactly("contact-sheet.jpg", "source", "thumbs/00000.jpg");
		assertThat(filesOf(failed)).containsExactly("source");

		// The state lives for the retention from its creation; the blobs at most that
		// long after their last write, which a sweep then notices.
		within(this.properties.retention().plus(sweeps(2)))
			.untilAsserted(() -> assertThat(blobs.resolve("jobs")).isDirectory()
				.isDirectoryNotContaining((dir) -> dir.endsWith(done) || dir.endsWith(failed)));
		this.pipeline.expectProblem(this.pipeline.get("/v1/jobs/" + done), 404, "not-found");
		this.pipeline.expectProblem(this.pipeline.get("/v1/jobs/" + failed), 404, "not-found");
	}

	@Test
	void deletingAnEndedJobRemovesItsStateAndItsBlobsAtOnce() {
		String jobId = this.pipeline.upload(TestMedia.picture(200, 100, "jpg"), "image/jpeg", Map.of());
		assertThat(this.pipeline.awaitEnd(jobId).state()).isEqualTo(JobState.DONE);
		assertThat(filesOf(jobId)).isNotEmpty();

		this.pipeline.delete("/v1/jobs/" + jobId).expectStatus().isNoContent();

		assertThat(blobs.resolve("jobs").resolve(jobId)).doesNotExist();
		this.pipeline.expectProblem(this.pipeline.get("/v1/jobs/" + jobId), 404, "not-found");
		this.pipeline.expectProblem(this.pipeline.delete("/v1/jobs/" + jobId), 404, "not-found");
		this.pipeline.expectProblem(this.pipeline.delete("/v1/jobs/not-a-job"), 404, "not-found");
	}

	@Test
	void aJobStillInThePipelineCannotBeDeleted() {
		CountDownLatch source = new CountDownLatch(1);
		held.set(source);
		String jobId;
		try {
			jobId = this.pipeline.submitUrl(PipelineTesting.baseUrl(origin) + "/held.png");
			this.pipeline.expectProblem(this.pipeline.delete("/v1/jobs/" + jobId), 409, "conflict");
		}
		finally {
			source.countDown();
		}
		assertThat(this.pipeline.awaitEnd(jobId).state()).isEqualTo(JobState.DONE);
		this.pipeline.delete("/v1/jobs/" + jobId).expectStatus().isNoContent();
		assertThat(blobs.resolve("jobs").resolve(jobId)).doesNotExist();
	}

	@Test
	void aStoreOverItsBoundRefusesNewJobsAndFinishesTheOnesItAccepted() throws IOException {
		CountDownLatch source = new CountDownLatch(1);
		held.set(source);
		Path filler = blobs.resolve("filler");
		String accepted;
		try {
			// Accepted before the store fills; its source arrives after.
			accepted = this.pipeline.submitUrl(PipelineTesting.baseUrl(origin) + "/held.png");
			// One byte more than leaves room for the largest source.
			long room = this.properties.storage().maxStored().toBytes() - this.properties.maxSourceSize().toBytes();
			Files.write(filler, new byte[Math.toIntExact(room + 1)]);

			within(sweeps(2)).until(() -> uploadStatus() == 507);
			this.pipeline.uploadRequest(TestMedia.picture(64, 64, "png"), "image/png", Map.of())
				.expectStatus()
				.isEqualTo(507)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:dds-suite:problem:insufficient-storage")
				.jsonPath("$.instance")
				.isEqualTo("/v1/jobs")
				.jsonPath("$.detail")
				.exists();
			this.pipeline.expectProblem(
					this.pipeline.json("{\"url\": \"" + PipelineTesting.baseUrl(origin) + "/picture.png\"}"), 507,
					"insufficient-storage");
		}
		finally {
			source.countDown();
		}
		Job job = this.pipeline.awaitEnd(accepted);
		assertThat(job.state()).isEqualTo(JobState.DONE);
		assertThat(filesOf(accepted)).containsExactly("contact-sheet.jpg", "source", "thumbs/00000.jpg");

		Files.delete(filler);
		within(sweeps(2)).until(() -> uploadStatus() == 202);
	}

	@Test
	void theBytesStoredAreAGaugeOfWhatIsOnDisk() {
		String jobId = this.pipeline.upload(TestMedia.picture(300, 200, "png"), "image/png", Map.of());
		assertThat(this.pipeline.awaitEnd(jobId).state()).isEqualTo(JobState.DONE);
		within(sweeps(2)).untilAsserted(() -> {
			Gauge stored = this.meters.find("thumbnailer.blobs.bytes").gauge();
			assertThat(stored).as("thumbnailer.blobs.bytes").isNotNull();
			assertThat((long) stored.value()).isEqualTo(bytesUnder(blobs));
		});
	}

	/**
	 * @param wait what the configuration says a condition takes
	 * @return a wait that long, and the machine's slack, checked at every sweep
	 */
	private ConditionFactory within(Duration wait) {
		return await().atMost(wait.plus(SLACK)).pollInterval(this.properties.storage().sweepInterval());
	}

	private Duration sweeps(int count) {
		return this.properties.storage().sweepInterval().multipliedBy(count);
	}

	private int uploadStatus() {
		return this.pipeline.uploadRequest(TestMedia.picture(64, 64, "png"), "image/png", Map.of())
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	/** The job's files as they are on disk, relative to its directory. */
	private static List<String> filesOf(String jobId) {
		Path dir = blobs.resolve("jobs").resolve(jobId);
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> dir.relativize(file).toString().replace('\\', '/'))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Bytes in the files under a directory, skipping those a sweep deletes meanwhile. */
	private static long bytesUnder(Path dir) throws IOException {
		AtomicLong bytes = new AtomicLong();
		Files.walkFileTree(dir, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				bytes.addAndGet(attributes.size());
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				return FileVisitResult.CONTINUE;
			}

		});
		return bytes.get();
	}

}
