package dev.ddspatterns.thumbnailer.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * How a stage hands work on: JSON onto a topic, waiting for the broker's acknowledgement.
 * A stage returns only after its output is durable, and only then is its input offset
 * committed; a crash in between means the input is delivered again and the output written
 * again (at least once), which is why every consumer is idempotent.
 */
@Component
public class TopicPublisher {

	private static final long SEND_TIMEOUT_SECONDS = 30;

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	TopicPublisher(KafkaTemplate<String, String> kafka, JsonMapper json) {
		this.kafka = kafka;
		this.json = json;
	}

	/**
	 * Sends one record and waits for the broker.
	 * @param topic the topic
	 * @param key the key, which chooses the partition
	 * @param payload the record, written as JSON
	 */
	public void send(String topic, String key, Object payload) {
		await(List.of(this.kafka.send(topic, key, this.json.writeValueAsString(payload))));
	}

	/**
	 * Sends several records to one topic and waits for all of them.
	 * @param topic the topic
	 * @param items the records
	 */
	void sendAll(String topic, List<Events.WorkItem> items) {
		await(items.stream()
			.map((item) -> this.kafka.send(topic, item.key(), this.json.writeValueAsString(item)))
			.toList());
	}

	private static void await(List<CompletableFuture<SendResult<String, String>>> sends) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge a send", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending", ex);
		}
	}

}
