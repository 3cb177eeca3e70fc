package dev.ddspatterns.thumbnailer.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
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

	// Where the next work item goes; each instance starts somewhere else.
	private final AtomicInteger nextPartition = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));

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
		send(new Outgoing(topic, key, payload));
	}

	/**
	 * Sends several records at once and waits for the broker to take all of them, so a
	 * stage with more than one output waits for one round trip, not one per record.
	 * @param records the records
	 */
	public void send(Outgoing... records) {
		await(Stream.of(records)
			.map((record) -> this.kafka.send(record.topic(), record.partition(), record.key(),
					this.json.writeValueAsString(record.payload())))
			.toList());
	}

	/**
	 * Puts work items on a work queue and waits for all of them. Items go to the
	 * partitions in turn, not by their key's hash: a partition is read by one worker at a
	 * time, so hashing would leave one worker with a backlog while another waits, and two
	 * frames of a video on the same partition would be made one after the other. In turn,
	 * a video's frames take as many partitions as there are frames (up to all of them),
	 * and a backlog is shared evenly among the workers.
	 * @param topic the work queue's topic
	 * @param items the work items
	 */
	void sendAll(String topic, List<Events.WorkItem> items) {
		int partitions = this.kafka.partitionsFor(topic).size();
		int first = this.nextPartition.getAndAdd(items.size());
		send(IntStream.range(0, items.size())
			.mapToObj(
					(i) -> new Outgoing(topic, Math.floorMod(first + i, partitions), items.get(i).key(), items.get(i)))
			.toArray(Outgoing[]::new));
	}

	/**
	 * One record to send.
	 *
	 * @param topic the topic
	 * @param partition the partition, or {@code null} for the one the key hashes to
	 * @param key the key
	 * @param payload the record, written as JSON
	 */
	public record Outgoing(String topic, @Nullable Integer partition, String key, Object payload) {

		/**
		 * A record on the partition its key hashes to.
		 * @param topic the topic
		 * @param key the key
		 * @param payload the record, written as JSON
		 */
		public Outgoing(String topic, String key, Object payload) {
			this(topic, null, key, payload);
		}

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
