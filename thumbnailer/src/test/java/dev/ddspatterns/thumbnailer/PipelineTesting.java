package dev.ddspatterns.thumbnailer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;
import dev.ddspatterns.testsupport.kafka.KafkaBroker;
import dev.ddspatterns.testsupport.redis.RedisServers;
import dev.ddspatterns.thumbnailer.jobs.Job;
import dev.ddspatterns.thumbnailer.jobs.JobSummary;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the thumbnailer's integration tests share: wiring, HTTP calls and Kafka reads. */
final class PipelineTesting {

	private final RestTestClient http;

	PipelineTesting(RestTestClient http) {
		this.http = http;
	}

	/**
	 * @param port the app's port on localhost
	 * @return calls to the app there
	 */
	static PipelineTesting onPort(int port) {
		return new PipelineTesting(RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build());
	}

	/**
	 * Points the app at the test's Kafka broker, Redis server and blob directory.
	 * @param registry the test's property registry
	 * @param kafka the broker
	 * @param redis the Redis server
	 * @param blobDir the blob directory, once the test has it
	 */
	static void register(DynamicPropertyRegistry registry, KafkaBroker kafka, RedisServers redis,
			Supplier<Path> blobDir) {
		registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
		registry.add("spring.data.redis.host", () -> redis.server().host());
		registry.add("spring.data.redis.port", () -> redis.server().port());
		registry.add("suite.thumbnailer.blob-dir", () -> blobDir.get().toString());
	}

	/**
	 * @return a started HTTP server on loopback that serves {@code /picture.png}
	 */
	static HttpServer origin() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			byte[] picture = TestMedia.picture(300, 200, "png");
			server.createContext("/picture.png", (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "image/png");
				exchange.sendResponseHeaders(200, picture.length);
				exchange.getResponseBody().write(picture);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String baseUrl(HttpServer server) {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	String upload(byte[] content, String mediaType, Map<String, String> fields) {
		return acceptedId(uploadRequest(content, mediaType, fields));
	}

	RestTestClient.ResponseSpec uploadRequest(byte[] content, String mediaType, Map<String, String> fields) {
		return uploadRequest(content, mediaType, fields, "source");
	}

	RestTestClient.ResponseSpec uploadRequest(byte[] content, String mediaType, Map<String, String> fields,
			String fileName) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("file", content, MediaType.parseMediaType(mediaType)).filename(fileName);
		fields.forEach(body::part);
		return send(body.build());
	}

	RestTestClient.ResponseSpec multipart(Map<String, String> fields) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		fields.forEach(body::part);
		return send(body.build());
	}

	private RestTestClient.ResponseSpec send(MultiValueMap<String, HttpEntity<?>> body) {
		return this.http.post().uri("/v1/jobs").contentType(MediaType.MULTIPART_FORM_DATA).body(body).exchange();
	}

	String submitUrl(String url, String callback) {
		return acceptedId(json("{\"url\": \"" + url + "\", \"callback\": \"" + callback + "\"}"));
	}

	String submitUrl(String url) {
		return acceptedId(json("{\"url\": \"" + url + "\"}"));
	}

	private static String acceptedId(RestTestClient.ResponseSpec response) {
		return response.expectStatus()
			.isAccepted()
			.expectHeader()
			.exists(HttpHeaders.LOCATION)
			.returnResult(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.getResponseBody()
			.get("id")
			.toString();
	}

	RestTestClient.ResponseSpec json(String body) {
		return raw(MediaType.APPLICATION_JSON_VALUE, body);
	}

	RestTestClient.ResponseSpec raw(String contentType, String body) {
		return this.http.post()
			.uri("/v1/jobs")
			.contentType(MediaType.parseMediaType(contentType))
			.body(body)
			.exchange();
	}

	RestTestClient.ResponseSpec get(String path) {
		return this.http.get().uri(path).exchange();
	}

	RestTestClient.ResponseSpec delete(String path) {
		return this.http.delete().uri(path).exchange();
	}

	void expectProblem(RestTestClient.ResponseSpec response, int status, String kind) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:dds-suite:problem:" + kind)
			.jsonPath("$.detail")
			.exists();
	}

	/**
	 * Waits until a job is done or failed.
	 * @param jobId the job
	 * @return the job at its end
	 */
	Job awaitEnd(String jobId) {
		return awaitEnd(jobId, Duration.ofSeconds(60));
	}

	/**
	 * Waits until a job is done or failed.
	 * @param jobId the job
	 * @param atMost how long it may take
	 * @return the job at its end
	 */
	Job awaitEnd(String jobId, Duration atMost) {
		return await().atMost(atMost)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> job(jobId), (job) -> job.state().hasEnded());
	}

	Job job(String jobId) {
		return this.http.get().uri("/v1/jobs/{id}", jobId).exchange().returnResult(Job.class).getResponseBody();
	}

	List<Map<String, Object>> thumbnails(String jobId) {
		return this.http.get()
			.uri("/v1/jobs/{id}/thumbnails", jobId)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.getResponseBody();
	}

	JobSummary summary(String jobId) {
		return this.http.get()
			.uri("/v1/jobs/{id}/summary", jobId)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JobSummary.class)
			.getResponseBody();
	}

	BufferedImage image(String path, String mediaType) throws IOException {
		byte[] bytes = this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseBody();
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
		assertThat(image).as("%s is a readable picture", path).isNotNull();
		return image;
	}

	/**
	 * Reads a whole topic from the beginning.
	 * @param kafka the broker
	 * @param topic the topic
	 * @param key only records with this key
	 * @return the records
	 */
	static List<ConsumerRecord<String, String>> records(KafkaBroker kafka, String topic, String key) {
		return records(kafka, topic, key::equals);
	}

	/**
	 * Reads a whole topic from the beginning.
	 * @param kafka the broker
	 * @param topic the topic
	 * @param keys only records whose key this accepts
	 * @return the records
	 */
	static List<ConsumerRecord<String, String>> records(KafkaBroker kafka, String topic, Predicate<String> keys) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))
					&& System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (keys.test(record.key())) {
						records.add(record);
					}
				});
			}
			return records;
		}
	}

	/**
	 * Waits until every instance has partitions of a stage's consumer group.
	 * @param kafka the broker
	 * @param group the stage's consumer group
	 * @param instances the instances' ids ({@code suite.instance-id})
	 */
	static void awaitConsumers(KafkaBroker kafka, String group, List<String> instances) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
				ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
					.describedGroups()
					.get(group)
					.get(10, TimeUnit.SECONDS);
				return instances.stream()
					.allMatch((instance) -> description.members()
						.stream()
						.anyMatch((member) -> member.clientId().startsWith("thumbnailer-" + instance)
								&& !member.assignment().topicPartitions().isEmpty()));
			});
		}
	}

}
