package dev.ddspatterns.system;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The work queue in containers: two thumbnailer workers in one consumer group on a Kafka
 * container (the image docker-compose.yml runs, KRaft, one node), job state in a Redis
 * container, blobs in a directory both workers mount. Jobs are done, both workers take a
 * share of the work, and a broken upload fails its job without holding up the others.
 */
class ThumbnailerSystemTests {

	private static final SuiteHttp http = new SuiteHttp();

	private static Network network;

	private static GenericContainer<?> kafka;

	private static GenericContainer<?> redis;

	private static List<GenericContainer<?>> workers;

	@BeforeAll
	static void start() throws IOException {
		network = SuiteContainers.network();
		kafka = new GenericContainer<>(SuiteImages.kafka()).withNetwork(network)
			.withNetworkAliases("kafka")
			.withEnv("KAFKA_NODE_ID", "1")
			.withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
			.withEnv("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093")
			.withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092")
			.withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
			.withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
			.withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
			.withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
			.withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
			.withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
			.withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
			.withEnv("KAFKA_HEAP_OPTS", "-Xmx384m -Xms384m")
			.withEnv("CLUSTER_ID", "YPgfKCecRbWxTAiq7zS7Dw")
			.withLogConsumer((frame) -> SuiteContainers.log("kafka", frame))
			.waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(3)));
		redis = SuiteContainers.redis(network, "redis-edge");
		Startables.deepStart(kafka, redis).join();
		// The shared blob store; the workers run as uid 10001.
		Path blobs = Files.createTempDirectory("blobs",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
		Files.setPosixFilePermissions(blobs, PosixFilePermissions.fromString("rwxrwxrwx"));
		workers = List.of(worker("thumbnailer-1", blobs), worker("thumbnailer-2", blobs));
		Startables.deepStart(workers).join();
	}

	private static GenericContainer<?> worker(String name, Path blobs) {
		return SuiteContainers.app(network, "thumbnailer", name, 8083)
			.withEnv("SPRING_DATA_REDIS_HOST", "redis-edge")
			.withEnv("SPRING_DATA_REDIS_PORT", "6379")
			.withEnv("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
			.withEnv("SUITE_THUMBNAILER_BLOB_DIR", "/blobs")
			.withFileSystemBind(blobs.toString(), "/blobs");
	}

	@AfterAll
	static void stop() {
		SuiteContainers.stop(network, (workers != null) ? workers.get(0) : null,
				(workers != null) ? workers.get(1) : null, kafka, redis);
	}

	@Test
	void anImageJobIsDoneWithAThumbnailOfTheRequestedSize() throws IOException {
		String job = submit(workers.get(0), png(640, 480, 1), "?width=160&height=120");
		JsonNode done = awaitState(workers.get(0), job, "done");
		assertThat(done.get("state").asString()).isEqualTo("done");
		// Any worker answers for any job: the state is in Redis, the blobs are shared.
		JsonNode thumbnails = http
			.getJson(SuiteContainers.url(workers.get(1), 8083) + "/v1/jobs/" + job + "/thumbnails");
		assertThat(thumbnails.values()).hasSize(1);
		byte[] bytes = bytes(SuiteContainers.url(workers.get(1), 8083) + thumbnails.get(0).get("href").asString());
		BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(bytes));
		assertThat(thumbnail.getWidth()).isEqualTo(160);
		assertThat(thumbnail.getHeight()).isEqualTo(120);
	}

	@Test
	void bothWorkersTakeAShareOfTheWork() throws IOException {
		List<String> jobs = new ArrayList<>();
		// Jobs are keyed by id over six partitions, three for each worker; a few jobs
		// give both some.
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			jobs.add(submit(workers.get(jobs.size() % 2), png(320, 240, jobs.size()), ""));
			return itemsProcessed(workers.get(0)) > 0 && itemsProcessed(workers.get(1)) > 0;
		});
		for (String job : jobs) {
			awaitState(workers.get(0), job, "done");
		}
	}

	@Test
	void aBrokenUploadFailsItsJobAndTheOthersAreDone() throws IOException {
		byte[] notAPng = new byte[2048];
		new Random(7).nextBytes(notAPng);
		String broken = submit(workers.get(0), notAPng, "");
		String fine = submit(workers.get(1), png(200, 100, 2), "");
		JsonNode failed = awaitState(workers.get(0), broken, "failed");
		assertThat(failed.get("reason").asString()).isNotBlank();
		awaitState(workers.get(1), fine, "done");
	}

	private static String submit(GenericContainer<?> worker, byte[] image, String query) {
		var accepted = http.postFile(SuiteContainers.url(worker, 8083) + "/v1/jobs" + query, "upload.png", "image/png",
				image);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return SuiteHttp.json(accepted).get("id").asString();
	}

	private static JsonNode awaitState(GenericContainer<?> worker, String job, String state) {
		return await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> http.getJson(SuiteContainers.url(worker, 8083) + "/v1/jobs/" + job),
					(view) -> view.get("state").asString().equals(state));
	}

	/** Items this worker's pipeline stages have handled, from its own metrics. */
	private static double itemsProcessed(GenericContainer<?> worker) {
		return http.metric(SuiteContainers.url(worker, 8083), "thumbnailer_stage_seconds_count");
	}

	private static byte[] bytes(String url) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofByteArray())
				.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] png(int width, int height, int seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new GradientPaint(0, 0, new Color(seed * 40 % 256, 90, 200), width, height, Color.ORANGE));
		graphics.fillRect(0, 0, width, height);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
