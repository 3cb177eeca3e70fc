package dev.ddspatterns.thumbnailer.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import dev.ddspatterns.testsupport.InfrastructureMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.ddspatterns.testsupport.kafka.KafkaBroker;
import dev.ddspatterns.testsupport.redis.RedisServers;
import dev.ddspatterns.thumbnailer.TestMedia;
import dev.ddspatterns.thumbnailer.ThumbnailerApplication;
import dev.ddspatterns.thumbnailer.media.ThumbnailRenderer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark: thumbnails per second through the whole Kafka pipeline with two workers (one
 * instance, {@code worker-concurrency=2}) against the same {@link ThumbnailRenderer} in a
 * plain two-thread loop over the same files, rounds interleaved so both see the same
 * machine; then the end-to-end latency of one 30 s video job (6 frames). Real Kafka
 * (KRaft) and Redis, over loopback, in this JVM.
 *
 * <p>
 * Settings (system properties): {@code bench.images} (default 120), {@code bench.rounds}
 * (3), {@code bench.videos} (5), {@code bench.out} (where the Markdown table goes). Run
 * it with {@code bench/thumbnailer.sh}.
 */
public final class ThumbnailThroughput {

	private static final ThumbnailRenderer.Size SIZE = new ThumbnailRenderer.Size(320, 180, "jpg");

	private static final HttpClient http = HttpClient.newHttpClient();

	private ThumbnailThroughput() {
	}

	public static void main(String[] args) throws Exception {
		int images = Integer.getInteger("bench.images", 120);
		int rounds = Integer.getInteger("bench.rounds", 3);
		int videos = Integer.getInteger("bench.videos", 5);
		Path work = Files.createTempDirectory("thumbnailer-bench");
		int width = Integer.getInteger("bench.width", 4032);
		int height = Integer.getInteger("bench.height", 3024);
		List<Path> sources = photos(work.resolve("sources"), images, width, height);
		Path video = TestMedia.video(work.resolve("clip.mp4"), 30, 1280, 720);

		KafkaBroker kafka = KafkaBroker.kraft();
		RedisServers redis = RedisServers.single();
		kafka.start(InfrastructureMode.PROCESSES);
		redis.start(InfrastructureMode.PROCESSES);
		ConfigurableApplicationContext app = new SpringApplicationBuilder(ThumbnailerApplication.class).run(
				"--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--spring.data.redis.host=" + redis.server().host(),
				"--spring.data.redis.port=" + redis.server().port(),
				"--suite.thumbnailer.blob-dir=" + work.resolve("blobs"), "--suite.thumbnailer.worker-concurrency=2",
				"--logging.level.dev.ddspatterns.thumbnailer.pipeline=warn");
		try {
			String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
			// Warm both paths up before measuring: the pipeline runs far more code than
			// the
			// loop (HTTP, Kafka client and broker, Redis, JSON), and the JIT compiler
			// keeps a
			// core busy for its first few hundred jobs.
			for (int warmUp = 0; warmUp < Integer.getInteger("bench.warm-up-rounds", 3); warmUp++) {
				loop(sources, work.resolve("warm-up"));
				pipeline(base, sources);
			}

			double[] loopRates = new double[rounds];
			double[] pipelineRates = new double[rounds];
			for (int round = 0; round < rounds; round++) {
				loopRates[round] = loop(sources, work.resolve("loop-" + round));
				pipelineRates[round] = pipeline(base, sources);
				System.out.printf("round %d: loop %.1f/s, pipeline %.1f/s%n", round + 1, loopRates[round],
						pipelineRates[round]);
			}
			long[] latencies = new long[videos];
			byte[] videoBytes = Files.readAllBytes(video);
			for (int i = 0; i < videos; i++) {
				long start = System.nanoTime();
				awaitDone(base, submit(base, videoBytes, "video/mp4", "&interval=5"));
				latencies[i] = (System.nanoTime() - start) / 1_000_000;
			}
			report(images + " photos of " + width + "x" + height + " (" + Files.size(sources.get(0)) / 1024
					+ " KB each) → 320x180", rounds, loopRates, pipelineRates, latencies, Files.size(video));
			stages(app.getBean(MeterRegistry.class));
		}
		finally {
			app.close();
			kafka.close();
			redis.close();
		}
	}

	/** The same rendering and writing the workers do, on two plain threads. */
	private static double loop(List<Path> sources, Path out) throws Exception {
		Files.createDirectories(out);
		ThumbnailRenderer renderer = new ThumbnailRenderer();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		long start = System.nanoTime();
		List<Future<?>> done = new ArrayList<>();
		for (Path source : sources) {
			done.add(threads.submit(() -> {
				Files.write(out.resolve(source.getFileName()), renderer.render(source, SIZE));
				return null;
			}));
		}
		for (Future<?> item : done) {
			item.get();
		}
		double rate = sources.size() / ((System.nanoTime() - start) / 1e9);
		threads.shutdown();
		return rate;
	}

	/** Every file as its own job through the API and the pipeline; done when all are. */
	private static double pipeline(String base, List<Path> sources) throws Exception {
		long start = System.nanoTime();
		List<String> jobs = new ArrayList<>();
		for (Path source : sources) {
			jobs.add(submit(base, Files.readAllBytes(source), "image/jpeg", ""));
		}
		for (String job : jobs) {
			awaitDone(base, job);
		}
		return sources.size() / ((System.nanoTime() - start) / 1e9);
	}

	private static String submit(String base, byte[] content, String mediaType, String query) throws Exception {
		String boundary = UUID.randomUUID().toString();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"source\"\r\n"
				+ "Content-Type: " + mediaType + "\r\n\r\n")
			.getBytes();
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/jobs?width=320&height=180" + query))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail)))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
		if (response.statusCode() != 202 || !id.find()) {
			throw new IllegalStateException("Submit failed: " + response.statusCode() + " " + response.body());
		}
		return id.group(1);
	}

	private static void awaitDone(String base, String job) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/jobs/" + job)).build();
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (System.nanoTime() < deadline) {
			String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
			if (body.contains("\"state\":\"done\"")) {
				return;
			}
			if (body.contains("\"state\":\"failed\"")) {
				throw new IllegalStateException("Job failed: " + body);
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("Job " + job + " did not finish");
	}

	/** Photo-like JPEGs: gradients and shapes with a little noise. */
	private static List<Path> photos(Path directory, int count, int width, int height) throws IOException {
		Files.createDirectories(directory);
		Random random = new Random(7);
		List<Path> photos = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
			Graphics2D graphics = image.createGraphics();
			graphics.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), width, height,
					new Color(random.nextInt(0xffffff))));
			graphics.fillRect(0, 0, width, height);
			for (int shape = 0; shape < 40; shape++) {
				graphics.setColor(new Color(random.nextInt(0xffffff)));
				graphics.fillOval(random.nextInt(width), random.nextInt(height), 50 + random.nextInt(width / 5),
						50 + random.nextInt(height / 4));
			}
			graphics.dispose();
			for (int pixel = 0; pixel < width * height / 10; pixel++) {
				image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt(0xffffff));
			}
			Path photo = directory.resolve("photo-%03d.jpg".formatted(i));
			ImageIO.write(image, "jpg", photo.toFile());
			photos.add(photo);
		}
		return photos;
	}

	private static void report(String workload, int rounds, double[] loopRates, double[] pipelineRates,
			long[] latencies, long videoBytes) throws IOException {
		double loop = median(loopRates);
		double pipeline = median(pipelineRates);
		Arrays.sort(latencies);
		String table = """
				| what | median of %d rounds |
				|---|---|
				| plain 2-thread loop, thumbnails/s | %.1f |
				| Kafka pipeline, 2 workers, thumbnails/s | %.1f |
				| ratio pipeline / loop | %.3f |
				| one 30 s 1280x720 H.264 video (%d KB, 6 frames) end to end, ms: min / median / max of %d | %d / %d / %d |
				"""
			.formatted(rounds, loop, pipeline, pipeline / loop, videoBytes / 1024, latencies.length, latencies[0],
					latencies[latencies.length / 2], latencies[latencies.length - 1]);
		System.out
			.println("rounds: loop " + Arrays.toString(loopRates) + ", pipeline " + Arrays.toString(pipelineRates));
		System.out.println(workload + " per round");
		System.out.println(table);
		Path out = Path.of(System.getProperty("bench.out", "target/bench"));
		Files.createDirectories(out);
		Files.writeString(out.resolve("thumbnailer.md"), workload + "\n\n" + table);
	}

	/** Where the pipeline's time went: records and mean time per stage. */
	private static void stages(MeterRegistry meters) {
		for (Timer timer : meters.find("thumbnailer.stage").timers()) {
			System.out.printf("stage %-14s %-8s %6d records, mean %7.1f ms, max %7.1f ms%n",
					timer.getId().getTag("stage"), timer.getId().getTag("outcome"), timer.count(),
					timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS));
		}
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
