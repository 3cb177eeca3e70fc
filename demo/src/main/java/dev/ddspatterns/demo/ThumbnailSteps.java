package dev.ddspatterns.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import tools.jackson.databind.JsonNode;

import static dev.ddspatterns.demo.TourClient.field;

/**
 * The tour's thumbnailer step: an image and a video made here (the video with FFmpeg, one
 * colour per second) go through the gateway's jobs route into the Kafka pipeline; the
 * step follows each job to its end and shows what the pipeline made.
 */
final class ThumbnailSteps {

	private static final URI JOBS = URI.create("http://localhost:8080/api/v1/jobs");

	private static final Color[] SECONDS = { Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.MAGENTA,
			Color.CYAN };

	static {
		// FFmpeg describes every stream it writes on stderr; the tour prints its own
		// lines.
		avutil.av_log_set_level(avutil.AV_LOG_ERROR);
	}

	private final TourClient client;

	private final Path blobs;

	private final TourOrigin origin;

	ThumbnailSteps(TourClient client, Path blobs, TourOrigin origin) {
		this.client = client;
		this.blobs = blobs;
		this.origin = origin;
	}

	/**
	 * One JSON job without a size, sent through the gateway, whose decorator fills in the
	 * public API's defaults, and straight to the thumbnailer, which uses its own. Each
	 * job names a callback, which the notification handler calls once the job is done.
	 * Bad bodies are refused at the gateway.
	 */
	boolean decoratedJobs() throws Exception {
		String picture = this.origin.origin() + "/media/tour.png";
		String viaGateway = submitJson(JOBS, picture, "decorated");
		String direct = submitJson(URI.create("http://localhost:8083/v1/jobs"), picture, "direct");
		JsonNode decorated = awaitEnd(viaGateway);
		JsonNode plain = awaitEnd(direct);
		String decoratedSize = thumbnailSize(viaGateway);
		String plainSize = thumbnailSize(direct);
		System.out.printf(
				"   {\"url\":\"%s\"} without a size: through the gateway %s -> %s thumbnail; "
						+ "straight to the thumbnailer %s -> %s%n",
				picture, field(decorated, "state").asString(), decoratedSize, field(plain, "state").asString(),
				plainSize);
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (this.origin.callbacks("decorated").isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		Thread.sleep(500);
		List<String> callbacks = this.origin.callbacks("decorated");
		System.out.printf("   callbacks received for the gateway's job: %d, %s%n", callbacks.size(), callbacks);
		HttpResponse<String> malformed = postJson(JOBS, "{\"url\": tour.png");
		HttpResponse<String> tooLarge = postJson(JOBS, "{\"url\":\"" + "x".repeat(70 * 1024) + "\"}");
		System.out.printf("   malformed JSON -> %d %s; a 70 KB body -> %d %s%n", malformed.statusCode(),
				malformed.headers().firstValue("Content-Type").orElse("-"), tooLarge.statusCode(),
				this.client.json(tooLarge, 413).path("title").asString());
		return "256x144".equals(decoratedSize) && "320x180".equals(plainSize) && callbacks.size() == 1
				&& callbacks.get(0).contains("\"job-done\"") && callbacks.get(0).contains(viaGateway)
				&& malformed.statusCode() == 400
				&& malformed.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
				&& tooLarge.statusCode() == 413;
	}

	boolean imageAndVideo() throws Exception {
		Path video = video(Files.createTempFile("tour", ".mp4"), 30);
		long started = System.nanoTime();
		String image = submit(picture(), "image/png", "width=320&height=180");
		String clip = submit(Files.readAllBytes(video), "video/mp4", "width=160&height=90&interval=5");
		Files.delete(video);
		JsonNode imageJob = awaitEnd(image);
		JsonNode videoJob = awaitEnd(clip);
		long millis = (System.nanoTime() - started) / 1_000_000;
		report("image", imageJob);
		report("video", videoJob);
		JsonNode summary = get(clip + "/summary");
		System.out.printf("   video summary: %d thumbnails, %d bytes, contact sheet %dx%d (%s), dominant colours %s%n",
				field(summary, "thumbnails").asInt(), field(summary, "thumbnailBytes").asLong(),
				summary.at("/contactSheet/columns").asInt(), summary.at("/contactSheet/rows").asInt(),
				this.blobs.resolve(summary.at("/contactSheet/key").asString()),
				summary.at("/colours/dominant").findValuesAsString("colour"));
		System.out.printf("   both jobs done %d ms after the first upload%n", millis);
		return "done".equals(field(imageJob, "state").asString()) && "done".equals(field(videoJob, "state").asString())
				&& field(summary, "thumbnails").asInt() == 6;
	}

	private void report(String what, JsonNode job) {
		System.out.printf("   %s job %s: %s, %d thumbnails, stages %s, made by %s%n", what, field(job, "id").asString(),
				field(job, "state").asString(), job.at("/progress/thumbnails").asInt(), job.path("progress"),
				job.path("workers"));
	}

	private String submit(byte[] content, String mediaType, String query) throws Exception {
		String boundary = UUID.randomUUID().toString();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tour\"\r\n"
				+ "Content-Type: " + mediaType + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		HttpRequest request = HttpRequest.newBuilder(URI.create(JOBS + "?" + query))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail)))
			.build();
		String id = field(this.client.json(this.client.send(request), 202), "id").asString();
		System.out.printf("   POST /api/v1/jobs (%s, %d KB) -> 202, job %s%n", mediaType, content.length / 1024, id);
		return id;
	}

	private String submitJson(URI jobs, String picture, String callback) throws Exception {
		String body = "{\"url\":\"" + picture + "\",\"callback\":\"" + this.origin.origin() + "/callbacks/" + callback
				+ "\"}";
		return field(this.client.json(postJson(jobs, body), 202), "id").asString();
	}

	private HttpResponse<String> postJson(URI uri, String body) throws Exception {
		return this.client.sendJson("POST", uri, body, TourClient.TIMEOUT);
	}

	/** The first thumbnail's size as the thumbnailer serves it. */
	private String thumbnailSize(String id) throws Exception {
		HttpResponse<byte[]> thumbnail = this.client.bytes(URI.create(JOBS + "/" + id + "/thumbnails/0"));
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
		return (image != null) ? image.getWidth() + "x" + image.getHeight() : "status " + thumbnail.statusCode();
	}

	private JsonNode awaitEnd(String id) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		JsonNode job = get(id);
		while (!field(job, "state").asString().matches("done|failed") && System.nanoTime() < deadline) {
			Thread.sleep(100);
			job = get(id);
		}
		return job;
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		return this.client.getJson(URI.create(JOBS + "/" + path));
	}

	private static byte[] picture() throws IOException {
		BufferedImage image = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(30, 60, 160));
		graphics.fillRect(0, 0, 1280, 720);
		graphics.setColor(new Color(240, 200, 40));
		graphics.fillOval(440, 160, 400, 400);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static Path video(Path file, int seconds) throws Exception {
		int fps = 5;
		try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 320, 240);
				Java2DFrameConverter converter = new Java2DFrameConverter()) {
			recorder.setFormat("mp4");
			recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
			recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
			recorder.setFrameRate(fps);
			recorder.start();
			for (int frame = 0; frame < seconds * fps; frame++) {
				BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
				Graphics2D graphics = image.createGraphics();
				graphics.setColor(SECONDS[(frame / fps / 5) % SECONDS.length]);
				graphics.fillRect(0, 0, 320, 240);
				graphics.dispose();
				recorder.record(converter.convert(image));
			}
			recorder.stop();
		}
		return file;
	}

}
