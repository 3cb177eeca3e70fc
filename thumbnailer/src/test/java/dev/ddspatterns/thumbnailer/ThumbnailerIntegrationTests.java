package dev.ddspatterns.thumbnailer;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.ddspatterns.testsupport.kafka.KafkaBroker;
import dev.ddspatterns.testsupport.redis.RedisServers;
import dev.ddspatterns.thumbnailer.jobs.Job;
import dev.ddspatterns.thumbnailer.jobs.JobState;
import dev.ddspatterns.thumbnailer.jobs.JobSummary;
import dev.ddspatterns.thumbnailer.pipeline.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline in one instance, against a real Kafka broker and a real Redis
 * server: image and video jobs through every stage, failures into the dead-letter topics,
 * and the API's answers to bad input.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "suite.thumbnailer.max-source-size=1MB", "suite.thumbnailer.retry.interval=50ms",
				"suite.thumbnailer.max-concurrent-uploads=" + ThumbnailerIntegrationTests.CONCURRENT_UPLOADS })
class ThumbnailerIntegrationTests {

	static final int CONCURRENT_UPLOADS = 2;

	@RegisterExtension
	static final KafkaBroker kafka = KafkaBroker.kraft();

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@TempDir
	static Path blobs;

	/**
	 * An allowed origin: serves a picture, and takes callbacks (failing the first two).
	 */
	static final HttpServer origin = PipelineTesting.origin();

	static final List<String> callbacks = new CopyOnWriteArrayList<>();

	static final AtomicInteger callbackAttempts = new AtomicInteger();

	static {
		origin.createContext("/callback", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			int status = (callbackAttempts.incrementAndGet() <= 2) ? 500 : 204;
			if (status == 204) {
				callbacks.add(body);
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		PipelineTesting.register(registry, kafka, redis, () -> blobs);
		registry.add("suite.thumbnailer.source-origins[0]", () -> PipelineTesting.baseUrl(origin));
		registry.add("suite.thumbnailer.callback-origins[0]", () -> PipelineTesting.baseUrl(origin));
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
	KafkaTemplate<String, String> kafkaTemplate;

	PipelineTesting pipeline;

	@BeforeEach
	void client() {
		this.pipeline = new PipelineTesting(
				RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build());
	}

	@Test
	void imageJobsOfEachFormatCompleteWithAThumbnailOfTheRequestedSize() throws IOException {
		for (String format : List.of("jpg", "png", "gif", "bmp")) {
			String mediaType = format.equals("jpg") ? "image/jpeg" : "image/" + format;
			String jobId = this.pipeline.upload(TestMedia.picture(400, 300, format), mediaType,
					Map.of("width", "160", "height", "90"));
			Job job = this.pipeline.awaitEnd(jobId);
			assertThat(job.state()).as(format).isEqualTo(JobState.DONE);
			assertThat(job.progress().thumbnails()).isOne();
			BufferedImage thumbnail = this.pipeline.image("/v1/jobs/" + jobId + "/thumbnails/0", "image/jpeg");
			assertThat(thumbnail.getWidth()).isEqualTo(160);
			assertThat(thumbnail.getHeight()).isEqualTo(90);
			JobSummary summary = this.pipeline.summary(jobId);
			assertThat(summary.thumbnails()).isOne();
			assertThat(summary.contactSheet().columns() * summary.contactSheet().rows()).isOne();
			assertThat(summary.colours().dominant()).as(format).extracting("colour").contains("#e02020", "#2020e0");
		}
	}

	@Test
	void exifOrientationTurnsThePictureUprightBeforeScaling() throws IOException {
		// Stored 400x200, left red and right blue; orientation 6 means the left edge is
		// the top.
		String jobId = this.pipeline.upload(TestMedia.jpegWithOrientation(400, 200, 6), "image/jpeg",
				Map.of("width", "90", "height", "160"));
		assertThat(this.pipeline.awaitEnd(jobId).state()).isEqualTo(JobState.DONE);
		BufferedImage thumbnail = this.pipeline.image("/v1/jobs/" + jobId + "/thumbnails/0", "image/jpeg");
		assertThat(TestMedia.near(thumbnail.getRGB(45, 10), Color.RED)).isTrue();
		assertThat(TestMedia.near(thumbnail.getRGB(45, 150), Color.BLUE)).isTrue();
	}

	@Test
	void videoJobsMakeOneThumbnailPerIntervalAContactSheetAndASummary() throws IOException {
		Path mp4 = TestMedia.video(blobs.resolve("thirty-seconds.mp4"), 30, 320, 240);
		String jobId = this.pipeline.upload(Files.readAllBytes(mp4), "video/mp4",
				Map.of("width", "160", "height", "90", "interval", "5"));
		Job job = this.pipeline.awaitEnd(jobId);
		assertThat(job.state()).isEqualTo(JobState.DONE);
		assertThat(job.progress().expected()).isEqualTo(6);

		List<Map<String, Object>> thumbnails = this.pipeline.thumbnails(jobId);
		assertThat(thumbnails).extracting((thumbnail) -> thumbnail.get("index")).containsExactly(0, 1, 2, 3, 4, 5);
		long bytes = 0;
		for (Map<String, Object> listed : thumbnails) {
			int index = (Integer) listed.get("index");
			BufferedImage thumbnail = this.pipeline.image((String) listed.get("href"), "image/jpeg");
			assertThat(thumbnail.getWidth()).isEqualTo(160);
			assertThat(thumbnail.getHeight()).isEqualTo(90);
			Color shown = TestMedia.SECOND_COLOURS[(index * 5) % TestMedia.SECOND_COLOURS.length];
			assertThat(TestMedia.near(thumbnail.getRGB(80, 45), shown)).as("frame %d shows %s", index, shown).isTrue();
			bytes += ((Number) listed.get("bytes")).longValue();
		}

		JobSummary summary = this.pipeline.summary(jobId);
		assertThat(summary.thumbnails()).isEqualTo(6);
		assertThat(summary.thumbnailBytes()).isEqualTo(bytes);
		assertThat(summary.sourceBytes()).isEqualTo(Files.size(mp4));
		assertThat(summary.contactSheet()).extracting("columns", "rows", "width", "height")
			.containsExactly(3, 2, 3 * 160, 2 * 90);
		this.pipeline.get("/v1/jobs/" + jobId + "/summary")
			.expectBody()
			.jsonPath("$.contactSheet.href")
			.isEqualTo("/v1/jobs/" + jobId + "/contact-sheet")
			.jsonPath("$.contactSheet.key")
			.doesNotExist();
		BufferedImage sheet = this.pipeline.image(summary.contactSheet().href(), "image/jpeg");
		assertThat(sheet.getWidth()).isEqualTo(480);
		assertThat(sheet.getHeight()).isEqualTo(180);
		// Six frames of six different colours, one sixth of the pixels each.
		assertThat(summary.colours().dominant()).hasSize(5)
			.allSatisfy((dominant) -> assertThat(dominant.share()).isBetween(0.14, 0.19));

		// The six work items took six different partitions, so any free worker could take
		// each.
		assertThat(PipelineTesting.records(kafka, Topics.FRAMES, (key) -> key.startsWith(jobId + ":")))
			.extracting(ConsumerRecord::partition)
			.hasSize(6)
			.doesNotHaveDuplicates();

		List<ConsumerRecord<String, String>> completions = PipelineTesting.records(kafka, Topics.VIDEOS_COMPLETED,
				jobId);
		assertThat(completions).hasSize(1);
		assertThat(completions.get(0).headers().lastHeader("traceparent"))
			.as("the trace context travels with the record")
			.isNotNull();
	}

	@Test
	void webmVideosAreDecodedToo() throws IOException {
		Path webm = TestMedia.video(blobs.resolve("ten-seconds.webm"), 10, 320, 240);
		String jobId = this.pipeline.upload(Files.readAllBytes(webm), "video/webm",
				Map.of("interval", "2", "format", "png"));
		assertThat(this.pipeline.awaitEnd(jobId).state()).isEqualTo(JobState.DONE);
		assertThat(this.pipeline.thumbnails(jobId)).hasSize(5)
			.allSatisfy((thumbnail) -> assertThat(thumbnail.get("mediaType")).isEqualTo("image/png"));
		assertThat(this.pipeline.summary(jobId).contactSheet()).extracting("columns", "rows").containsExactly(3, 2);
	}

	@Test
	void aUrlSourceIsFetchedAndTheCallbackIsPostedOnceAfterBoundedRetries() {
		String jobId = this.pipeline.submitUrl(PipelineTesting.baseUrl(origin) + "/picture.png",
				PipelineTesting.baseUrl(origin) + "/callback");
		assertThat(this.pipeline.awaitEnd(jobId).state()).isEqualTo(JobState.DONE);
		await().atMost(Duration.ofSeconds(20)).until(() -> !callbacks.isEmpty());
		assertThat(callbacks).singleElement().asString().contains(jobId).contains("job-done");
		assertThat(callbackAttempts).hasValue(3);
	}

	@Test
	void corruptAndMislabelledUploadsFailWithTheirReasonAndGoToTheDeadLetterTopic() {
		double filterFailures = filterFailures();
		double deadLetters = deadLetters(Topics.JOBS);
		String corrupt = this.pipeline.upload(TestMedia.corruptJpeg(), "image/jpeg", Map.of());
		String text = this.pipeline.upload("just some text, not a picture".getBytes(StandardCharsets.UTF_8),
				"image/png", Map.of());
		this.kafkaTemplate.send(Topics.FRAMES, "poison", "{ not json");
		String good = this.pipeline.upload(TestMedia.picture(200, 100, "png"), "image/png", Map.of());

		Job corruptJob = this.pipeline.awaitEnd(corrupt);
		assertThat(corruptJob.state()).isEqualTo(JobState.FAILED);
		assertThat(corruptJob.reason()).startsWith("corrupt image/jpeg");
		Job textJob = this.pipeline.awaitEnd(text);
		assertThat(textJob.state()).isEqualTo(JobState.FAILED);
		assertThat(textJob.reason()).isEqualTo("content is not a supported image or video (declared image/png)");
		assertThat(this.pipeline.awaitEnd(good).state()).isEqualTo(JobState.DONE);

		assertThat(PipelineTesting.records(kafka, Topics.JOBS + Topics.DLT_SUFFIX, corrupt)).hasSize(1);
		assertThat(PipelineTesting.records(kafka, Topics.JOBS + Topics.DLT_SUFFIX, text)).hasSize(1);
		assertThat(PipelineTesting.records(kafka, Topics.FRAMES + Topics.DLT_SUFFIX, "poison")).hasSize(1);
		// Three deliveries each (the first and two retries) before the dead-letter topic.
		assertThat(filterFailures() - filterFailures).isEqualTo(6);
		assertThat(deadLetters(Topics.JOBS) - deadLetters).isEqualTo(2);
	}

	@Test
	void uploadsBeyondTheConcurrentLimitAreRefusedUntilOneEnds() throws IOException {
		byte[] picture = TestMedia.picture(64, 64, "png");
		List<Socket> slow = new ArrayList<>();
		try {
			for (int i = 0; i < CONCURRENT_UPLOADS; i++) {
				slow.add(slowUpload());
			}
			// Refused once both slow uploads are being received.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.pipeline.uploadRequest(picture, "image/png", Map.of())
					.returnResult()
					.getStatus()
					.value(), (status) -> status == 503);
			this.pipeline.expectProblem(this.pipeline.uploadRequest(picture, "image/png", Map.of()), 503,
					"unavailable");
			this.pipeline.uploadRequest(picture, "image/png", Map.of())
				.expectHeader()
				.valueEquals(HttpHeaders.RETRY_AFTER, "1");
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.pipeline.uploadRequest(picture, "image/png", Map.of()).returnResult().getStatus().value(),
					(status) -> status == 202);
	}

	/**
	 * Starts an upload whose body never finishes arriving, as a slow client's does.
	 */
	private Socket slowUpload() throws IOException {
		Socket socket = new Socket("localhost", this.port);
		String head = "POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: multipart/form-data; boundary=slow\r\nContent-Length: 100000\r\n\r\n"
				+ "--slow\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n";
		socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return socket;
	}

	@Test
	void aVideoThatWouldMakeMoreThumbnailsThanTheLimitFails() throws IOException {
		Path video = TestMedia.video(blobs.resolve("two-minutes-ten.mp4"), 130, 160, 120, 1);
		String jobId = this.pipeline.upload(Files.readAllBytes(video), "video/mp4", Map.of("interval", "1"));
		Job job = this.pipeline.awaitEnd(jobId);
		assertThat(job.state()).isEqualTo(JobState.FAILED);
		assertThat(job.reason()).endsWith("makes 130 thumbnails, more than 120");
	}

	@Test
	void aFailureReasonSaysWhatIsWrongWithoutTheServersPaths() {
		String jobId = this.pipeline.upload(TestMedia.corruptMp4(), "video/mp4", Map.of());
		Job job = this.pipeline.awaitEnd(jobId);
		assertThat(job.state()).isEqualTo(JobState.FAILED);
		assertThat(job.reason()).startsWith("corrupt video/mp4: Invalid data found")
			.doesNotContain(blobs.toString())
			.doesNotContain("/source");
	}

	@Test
	void badRequestsGetProblemDetailsWithTheRightStatus() {
		this.pipeline.expectProblem(this.pipeline.multipart(Map.of("width", "100")), 400, "invalid-request");
		this.pipeline.expectProblem(this.pipeline.json("{\"width\": 100}"), 400, "invalid-request");
		this.pipeline.expectProblem(this.pipeline.json("{\"url\": \"http://169.254.169.254/latest/meta-data\"}"), 400,
				"invalid-request");
		this.pipeline
			.expectProblem(
					this.pipeline.json("{\"url\": \"" + PipelineTesting.baseUrl(origin)
							+ "/picture.png\", \"callback\": \"http://internal.example/hook\"}"),
					400, "invalid-request");
		this.pipeline.expectProblem(
				this.pipeline.uploadRequest(TestMedia.picture(100, 100, "png"), "image/png", Map.of("width", "5")), 400,
				"invalid-request");
		this.pipeline.expectProblem(this.pipeline.uploadRequest(new byte[1536 * 1024], "image/png", Map.of()), 413,
				"payload-too-large");
		this.pipeline.expectProblem(this.pipeline.uploadRequest(new byte[] { 1, 2, 3 }, "image/tiff", Map.of()), 415,
				"unsupported-media-type");
		this.pipeline.expectProblem(this.pipeline.raw("text/plain", "a picture, honestly"), 415,
				"unsupported-media-type");
		this.pipeline.expectProblem(this.pipeline.get("/v1/jobs/00000000-0000-0000-0000-000000000000"), 404,
				"not-found");
		this.pipeline.expectProblem(this.pipeline.get("/v1/jobs/../../etc/passwd"), 404, "not-found");
	}

	@Test
	void malformedMultipartBodiesAre400s() {
		this.pipeline.expectProblem(this.pipeline.raw("multipart/form-data", "x"), 400, "invalid-request");
		String cut = "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\nthe body ends before its closing boundary";
		this.pipeline.expectProblem(this.pipeline.raw("multipart/form-data; boundary=cut", cut), 400,
				"invalid-request");
		this.pipeline.expectProblem(this.pipeline.raw("multipart/form-data; boundary=none", "no parts at all"), 400,
				"invalid-request");
	}

	@Test
	void theFileNameIsNotTheSize() {
		byte[] picture = TestMedia.picture(64, 64, "png");
		for (String name : List.of("a".repeat(450) + ".png", "写".repeat(150) + ".png")) {
			this.pipeline.uploadRequest(picture, "image/png", Map.of(), name).expectStatus().isAccepted();
		}
		this.pipeline.expectProblem(
				this.pipeline.uploadRequest(picture, "image/png", Map.of(), "a".repeat(64 * 1024) + ".png"), 400,
				"invalid-request");
	}

	@Test
	void resultsOfAJobThatIsNotDoneAreAConflict() {
		String failed = this.pipeline.upload(new byte[] { 'n', 'o', 'p', 'e' }, "image/gif", Map.of());
		assertThat(this.pipeline.awaitEnd(failed).state()).isEqualTo(JobState.FAILED);
		this.pipeline.expectProblem(this.pipeline.get("/v1/jobs/" + failed + "/summary"), 409, "conflict");
		this.pipeline.expectProblem(this.pipeline.get("/v1/jobs/" + failed + "/contact-sheet"), 409, "conflict");
	}

	@Test
	void prometheusShowsEachStageAndTheConsumerLag() {
		String jobId = this.pipeline.upload(TestMedia.picture(64, 64, "png"), "image/png", Map.of());
		assertThat(this.pipeline.awaitEnd(jobId).state()).isEqualTo(JobState.DONE);
		String metrics = this.pipeline.get("/actuator/prometheus")
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		for (String stage : List.of("filter", "splitter", "image-worker", "copier", "merger", "reduce")) {
			assertThat(metrics).contains("thumbnailer_stage_seconds_count{application=\"thumbnailer\"")
				.containsPattern(
						"thumbnailer_stage_seconds_count\\{[^}]*outcome=\"success\"[^}]*stage=\"" + stage + "\"");
		}
		assertThat(metrics)
			.containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"thumbnailer-");
	}

	private double filterFailures() {
		Timer failures = this.meters.find("thumbnailer.stage").tag("stage", "filter").tag("outcome", "failure").timer();
		return (failures != null) ? failures.count() : 0;
	}

	private double deadLetters(String topic) {
		Counter deadLetters = this.meters.find("thumbnailer.dead.letters").tag("topic", topic).counter();
		return (deadLetters != null) ? deadLetters.count() : 0;
	}

}
