package dev.ddspatterns.thumbnailer.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Where every stage's work on one record runs: timed ({@code thumbnailer.stage} timers
 * tagged with the stage and the outcome), and kept to that record if it fails.
 * <p>
 * Spring Kafka hands an {@link Exception} to the error handler (bounded retries, then the
 * dead-letter topic and a failed job), but <em>stops the listener container</em> on an
 * {@link Error}: one record that made a decoder overflow its stack or a native library
 * throw would then leave the stage without a consumer on this instance, and on the next
 * instance that the record goes to. So an {@code Error} becomes a {@link StageFailure},
 * an exception, and takes the same path as any other failure of that record. The one
 * exception is an {@link OutOfMemoryError} where the JVM runs with
 * {@code -XX:+ExitOnOutOfMemoryError}, as the container images do: the process ends
 * instead, which is why every stage bounds the memory one record can take (see
 * docs/patterns/work-queue.md).
 * <p>
 * Consumer lag per group comes from the Kafka client's own metrics
 * ({@code kafka.consumer.fetch.manager.records.lag.max}), dead letters from
 * {@code thumbnailer.dead.letters}.
 */
@Component
class StageBoundary {

	private final MeterRegistry registry;

	StageBoundary(MeterRegistry registry) {
		this.registry = registry;
	}

	void run(String stage, Runnable work) {
		Timer.Sample sample = Timer.start(this.registry);
		String outcome = "failure";
		try {
			work.run();
			outcome = "success";
		}
		catch (Error error) {
			throw new StageFailure(stage, error);
		}
		finally {
			sample.stop(Timer.builder("thumbnailer.stage")
				.description("Records processed by a pipeline stage")
				.tag("stage", stage)
				.tag("outcome", outcome)
				.register(this.registry));
		}
	}

	/** An {@link Error} in a stage's work on one record, as a failure of that record. */
	static final class StageFailure extends RuntimeException {

		StageFailure(String stage, Error cause) {
			super("The " + stage + " stage failed on a record: " + cause, cause);
		}

	}

}
