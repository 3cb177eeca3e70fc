package dev.ddspatterns.testsupport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaBrokerIntegrationTests {

	@RegisterExtension
	static final KafkaBroker kafka = KafkaBroker.kraft();

	@Test
	void createdTopicsExistOnTheBroker() {
		kafka.createTopics(3, "thumbnails.requested", "thumbnails.created");
		assertThat(kafka.topics()).contains("thumbnails.requested", "thumbnails.created");
	}

	@Test
	void producedRecordsAreConsumedInOrder() throws Exception {
		kafka.createTopics(1, "round-trip");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map
			.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < 3; i++) {
				producer.send(new ProducerRecord<>("round-trip", "job-1", "frame-" + i)).get();
			}
		}
		List<String> received = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "round-trip-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("round-trip"));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					received.add(record.value());
				}
				return received.size() >= 3;
			});
		}
		assertThat(received).containsExactly("frame-0", "frame-1", "frame-2");
	}

}
