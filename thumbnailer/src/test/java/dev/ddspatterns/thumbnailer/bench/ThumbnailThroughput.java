package dev.ddspatterns.thumbnailer.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Benchmark: thumbnails per second from two workers through Kafka against the same
 * {@link ThumbnailRenderer} in a plain two-thread loop over the same files, rounds
 * interleaved so all see the same machine. Two ways through Kafka (one instance,
 * {@code worker-concurrency=2}):
 * <ul>
 * <li>the <em>work queue</em>: the items are queued first, then two workers drain them;
 * <li>the <em>whole pipeline</em>: one job per photo from its upload to {@code done},
 * every stage running at once on the same cores.
 * </ul>
 * Then the end-to-end latency of one 30 s video job (6 frames). Real Kafka (KRaft, in
 * this JVM) and Redis (a server process), over loopback.
 *
 * <p>
 * Settings (system properties): {@code bench.images} (default 120), {@code bench.width}
 * and {@code bench.height} (4032x3024), {@code bench.warm-up-rounds} (3),
 * {@code bench.rounds} (3), {@code bench.videos} (5), {@code bench.out} (where the
 * Markdown table goes). Run it with {@code bench/thumbnailer.sh}.
 */
public final class ThumbnailThroughput {

	private static final ThumbnailRenderer.Size SIZE = new ThumbnailRenderer.Size(320, 180, "jpg");

	private static final HttpClient http = HttpClient.newHttpClient();

	private ThumbnailThroughput() {
	}

	public static void main(String[] args) throws Exception {
		int images = Integer.getInteger("bench.images", 120);
		int measuredRounds = Integer.getInteger("bench.rounds", 3);
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
				workQueue(app, base, sources);
				pipeline(base, sources);
			}

			List<String> rounds = new ArrayList<>();
			double[] loopRates = new double[measuredRounds];
			double[] queueRates = new double[measuredRounds];
			double[] pipelineRates = new double[measuredRounds];
			for (int round = 0; round < measuredRounds; round++) {
				Measured loop = loop(sources, work.resolve("loop-" + round));
				Measured queue = workQueue(app, base, sources);
				Measured pipeline = pipeline(base, sources);
				loopRates[round] = loop.rate();
				queueRates[round] = queue.rate();
				pipelineRates[round] = pipeline.rate();
				rounds.add("round %d: loop %s, work queue %s, pipeline %s".formatted(round + 1, loop, queue, pipeline));
				System.out.println(rounds.get(round));
			}
			long[] latencies = new long[videos];
			byte[] videoBytes = Files.readAllBytes(video);
			for (int i = 0; i < videos; i++) {
				long start = System.nanoTime();
				awaitDone(base, submit(base, videoBytes, "video/mp4", "&interval=5"));
				latencies[i] = (System.nanoTime() - start) / 1_000_000;
			}
			report(images + " photos of " + width + "x" + height + " (" + Files.size(sources.get(0)) / 1024
					+ " KB each) → 320x180", rounds, loopRates, queueRates, pipelineRates, latencies,
					Files.size(video));
			stages(app.getBean(MeterRegistry.class));
		}
		finally {
			app.close();
			kafka.close();
			redis.close();
		}
	}

	/** The same rendering and writing the workers do, on two plain threads. */
	private static Measured loop(List<Path> sources, Path out) throws Exception {
		Files.createDirectories(out);
		ThumbnailRenderer renderer = new ThumbnailRenderer();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		Stopwatch watch = Stopwatch.start();
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
		Measured measured = watch.stop(sources.size());
		threads.shutdown();
		return measured;
	}

	/**
	 * The work queue alone: every file as its own job through the API, the filter and the
	 * splitter while the image workers are paused, so that the work items queue up in
	 * Kafka; then the two workers are let loose on that backlog, with the stages after
	 * them paused, and timed until they have made every thumbnail. Untimed, the paused
	 * stages then finish the jobs.
	 */
	private static Measured workQueue(ConfigurableApplicationContext app, String base, List<Path> sources)
			throws Exception {
		KafkaListenerEndpointRegistry listeners = app.getBean(KafkaListenerEndpointRegistry.class);
		MeterRegistry meters = app.getBean(MeterRegistry.class);
		MessageListenerContainer workers = listeners.getListenerContainer("image-worker");
		List<MessageListenerContainer> after = Stream.of("copier", "join", "merger", "reduce", "notifier")
			.map(listeners::getListenerContainer)
			.toList();
		workers.pause();
		after.forEach(MessageListenerContainer::pause);
		await(() -> workers.isContainerPaused()
				&& after.stream().allMatch(MessageListenerContainer::isContainerPaused));
		Timer splitter = succeeded(meters, "splitter");
		Timer worker = succeeded(meters, "image-worker");
		long split = splitter.count();
		List<String> jobs = new ArrayList<>();
		for (Path source : sources) {
			jobs.add(submit(base, Files.readAllBytes(source), "image/jpeg", ""));
		}
		await(() -> splitter.count() - split == sources.size());

		long made = worker.count();
		Stopwatch watch = Stopwatch.start();
		workers.resume();
		await(() -> worker.count() - made == sources.size());
		Measured measured = watch.stop(sources.size());

		after.forEach(MessageListenerContainer::resume);
		for (String job : jobs) {
			awaitDone(base, job);
		}
		return measured;
	}

	/**
	 * The timer of a stage's successfully processed records (the same one the stage
	 * records to).
	 */
	private static Timer succeeded(MeterRegistry meters, String stage) {
		return Timer.builder("thumbnailer.stage").tag("stage", stage).tag("outcome", "success").register(meters);
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Timed out");
			}
			Thread.sleep(5);
		}
	}

	/** A rate, and how many cores the process kept busy meanwhile. */
	private record Measured(double rate, double coresBusy) {

		@Override
		public String toString() {
			return "%.1f/s (%.2f cores busy)".formatted(this.rate, this.coresBusy);
		}

	}

	/** Wall and process CPU time from its start. */
	private record Stopwatch(long wall, long cpu) {

		static Stopwatch start() {
			return new Stopwatch(System.nanoTime(), cpuNanos());
		}

		Measured stop(int items) {
			long elapsed = System.nanoTime() - this.wall;
			return new Measured(items / (elapsed / 1e9), (double) (cpuNanos() - this.cpu) / elapsed);
		}

	}

	/** Every file as its own job through the API and the pipeline; done when all are. */
	private static Measured pipeline(String base, List<Path> sources) throws Exception {
		Stopwatch watch = Stopwatch.start();
		List<String> jobs = new ArrayList<>();
		for (Path source : sources) {
			jobs.add(submit(base, Files.readAllBytes(source), "image/jpeg", ""));
		}
		for (String job : jobs) {
			awaitDone(base, job);
		}
		return watch.stop(sources.size());
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

	private static void report(String workload, List<String> rounds, double[] loopRates, double[] queueRates,
			double[] pipelineRates, long[] latencies, long videoBytes) throws IOException {
		double loop = median(loopRates);
		double queue = median(queueRates);
		double pipeline = median(pipelineRates);
		Arrays.sort(latencies);
		String table = """
				| what | median of %d rounds |
				|---|---|
				| plain 2-thread loop, thumbnails/s | %.1f |
				| work queue: 2 workers through Kafka, thumbnails/s | %.1f |
				| ratio work queue / loop | %.3f |
				| whole pipeline, one job per photo from upload to done, thumbnails/s | %.1f |
				| ratio whole pipeline / loop | %.3f |
				| one 30 s 1280x720 H.264 video (%d KB, 6 frames) end to end, ms: min / median / max of %d | %d / %d / %d |
				"""
			.formatted(rounds.size(), loop, queue, queue / loop, pipeline, pipeline / loop, videoBytes / 1024,
					latencies.length, latencies[0], latencies[latencies.length / 2], latencies[latencies.length - 1]);
		System.out.println("rounds: loop " + Arrays.toString(loopRates) + ", work queue " + Arrays.toString(queueRates)
				+ ", pipeline " + Arrays.toString(pipelineRates));
		System.out.println(workload + " per round");
		System.out.println(table);
		Path out = Path.of(System.getProperty("bench.out", "target/bench"));
		Files.createDirectories(out);
		Files.writeString(out.resolve("thumbnailer.md"),
				workload + "\n\n" + String.join("\n", rounds) + "\n\n" + table);
	}

	/** Where the pipeline's time went: records and mean time per stage. */
	private static void stages(MeterRegistry meters) {
		for (Timer timer : meters.find("thumbnailer.stage").timers()) {
			System.out.printf("stage %-14s %-8s %6d records, mean %7.1f ms, max %7.1f ms%n",
					timer.getId().getTag("stage"), timer.getId().getTag("outcome"), timer.count(),
					timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS));
		}
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
