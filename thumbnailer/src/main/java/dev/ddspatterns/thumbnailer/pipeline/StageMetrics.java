package dev.ddspatterns.thumbnailer.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Items and processing time per stage: {@code thumbnailer.stage} timers tagged with the
 * stage and the outcome. Consumer lag per group comes from the Kafka client's own metrics
 * ({@code kafka.consumer.fetch.manager.records.lag.max}), dead letters from
 * {@code thumbnailer.dead.letters}.
 */
@Component
class StageMetrics {

	private final MeterRegistry registry;

	StageMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String stage, Runnable work) {
		Timer.Sample sample = Timer.start(this.registry);
		String outcome = "failure";
		try {
			work.run();
			outcome = "success";
		}
		finally {
			sample.stop(Timer.builder("thumbnailer.stage")
				.description("Records processed by a pipeline stage")
				.tag("stage", stage)
				.tag("outcome", outcome)
				.register(this.registry));
		}
	}

}
