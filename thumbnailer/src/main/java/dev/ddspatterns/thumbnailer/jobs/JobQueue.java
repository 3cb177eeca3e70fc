package dev.ddspatterns.thumbnailer.jobs;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The work queue's entrance: the API puts each accepted job on the jobs topic, keyed by
 * its id, and waits for the broker's acknowledgement, so that a 202 means the job is
 * durable. The pipeline's filter reads the topic; the API knows only its name and its
 * record, {@link JobSubmitted}, which is what keeps {@code jobs} free of the pipeline.
 */
@Component
public class JobQueue {

	/** The jobs topic, read by the filter. */
	public static final String TOPIC = "thumbnailer.jobs";

	private static final long SEND_TIMEOUT_SECONDS = 30;

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	JobQueue(KafkaTemplate<String, String> kafka, JsonMapper json) {
		this.kafka = kafka;
		this.json = json;
	}

	/**
	 * Queues a job and waits for the broker.
	 * @param job the job
	 * @throws IllegalStateException if the broker did not take it in time
	 */
	void submit(JobSubmitted job) {
		try {
			this.kafka.send(TOPIC, job.jobId(), this.json.writeValueAsString(job))
				.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge job " + job.jobId(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while queueing job " + job.jobId(), ex);
		}
	}

}
