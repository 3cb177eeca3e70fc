package dev.ddspatterns.thumbnailer.pipeline;

import java.net.URI;

import dev.ddspatterns.thumbnailer.jobs.JobStore;
import dev.ddspatterns.thumbnailer.pipeline.Events.JobEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The event handler (the book's function-as-a-service example): reacts to job events.
 * Thumbnail events go to the log; a job's end is POSTed to its callback URL. A failed
 * callback throws, and the error handler retries it with exponential backoff a bounded
 * number of times before dead-lettering it. A callback that succeeded is remembered, so a
 * redelivered or repeated "done" is not sent twice.
 */
@Component
class NotificationHandler {

	private static final Logger log = LoggerFactory.getLogger(NotificationHandler.class);

	private final RestClient http;

	private final StringRedisTemplate redis;

	private final JobStore jobs;

	private final MeterRegistry meters;

	NotificationHandler(RestClient http, StringRedisTemplate redis, JobStore jobs, MeterRegistry meters) {
		this.http = http;
		this.redis = redis;
		this.jobs = jobs;
		this.meters = meters;
	}

	@KafkaListener(id = "notifier", groupId = "thumbnailer-notifier",
			clientIdPrefix = "${spring.application.name}-${suite.instance-id}-notifier", topics = Topics.EVENTS)
	void handle(JobEvent event) {
		URI callback = event.finishesJob() ? this.jobs.callback(event.jobId()).orElse(null) : null;
		if (callback == null) {
			log.info("Job {}: {}{}", event.jobId(), event.type().value(),
					(event.thumbnail() != null) ? " #" + event.thumbnail() : "");
			this.meters.counter("thumbnailer.notifications", "channel", "log").increment();
			return;
		}
		String sent = JobStore.key(event.jobId(), "notified");
		if (Boolean.TRUE.equals(this.redis.hasKey(sent))) {
			return;
		}
		this.http.post().uri(callback).body(event).retrieve().toBodilessEntity();
		this.redis.opsForValue().set(sent, event.type().value(), this.jobs.retention());
		this.meters.counter("thumbnailer.notifications", "channel", "callback").increment();
	}

}
