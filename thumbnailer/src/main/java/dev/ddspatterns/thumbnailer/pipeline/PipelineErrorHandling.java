package dev.ddspatterns.thumbnailer.pipeline;

import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import dev.ddspatterns.thumbnailer.jobs.JobStore;
import dev.ddspatterns.thumbnailer.media.RejectedMediaException;
import dev.ddspatterns.thumbnailer.pipeline.Events.JobEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.kafka.support.converter.StringJacksonJsonMessageConverter;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens when a stage fails on a record: Spring Kafka's {@link DefaultErrorHandler}
 * redelivers it a bounded number of times, then the recoverer publishes it to the topic's
 * dead-letter twin (same partition) and fails its job with the reason. The partition then
 * moves on, so a poison record never blocks the records behind it; a record that cannot
 * even be read as JSON is not retried at all.
 */
@Configuration(proxyBeanMethods = false)
class PipelineErrorHandling {

	private static final Logger log = LoggerFactory.getLogger(PipelineErrorHandling.class);

	@Bean
	RecordMessageConverter pipelineMessageConverter(JsonMapper json) {
		return new StringJacksonJsonMessageConverter(json);
	}

	@Bean
	DefaultErrorHandler pipelineErrorHandler(KafkaTemplate<String, String> kafka, JobStore jobs,
			TopicPublisher publisher, MeterRegistry meters, ThumbnailerProperties properties) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(record.topic() + Topics.DLT_SUFFIX, record.partition()));
		int attempts = properties.retry().attempts();
		ConsumerRecordRecoverer recoverer = (record, ex) -> {
			deadLetters.accept(record, ex);
			meters.counter("thumbnailer.dead.letters", "topic", record.topic()).increment();
			String jobId = jobId(record);
			String reason = reason(ex, record.topic());
			log.warn("Dead-lettered {}-{}@{} (job {}): {}", record.topic(), record.partition(), record.offset(), jobId,
					reason);
			// A failed notification does not undo a finished job.
			if (jobId != null && !Topics.EVENTS.equals(record.topic()) && jobs.fail(jobId, reason)) {
				publisher.send(Topics.EVENTS, jobId, JobEvent.failed(jobId, reason));
			}
		};
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
				new FixedBackOff(properties.retry().interval().toMillis(), attempts - 1L));
		handler.setBackOffFunction((record, ex) -> {
			if (cause(ex, FrameJoin.JoinInProgressException.class) != null) {
				return new FixedBackOff(1000, 2 * FrameJoin.CLAIM_LEASE.toSeconds());
			}
			if (Topics.EVENTS.equals(record.topic())) {
				ExponentialBackOffWithMaxRetries callbacks = new ExponentialBackOffWithMaxRetries(attempts - 1);
				callbacks.setInitialInterval(properties.retry().interval().toMillis());
				callbacks.setMultiplier(2);
				return callbacks;
			}
			return null;
		});
		return handler;
	}

	private static @Nullable String jobId(ConsumerRecord<?, ?> record) {
		return (record.key() instanceof String key) ? key.split(":", 2)[0] : null;
	}

	private static String reason(Exception ex, String topic) {
		RejectedMediaException rejected = cause(ex, RejectedMediaException.class);
		if (rejected != null) {
			return rejected.getMessage();
		}
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return "the stage reading " + topic + " failed (" + root.getClass().getSimpleName() + "); see its logs";
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
