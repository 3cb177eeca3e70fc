package dev.ddspatterns.thumbnailer.retention;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import dev.ddspatterns.thumbnailer.blobs.BlobStore;
import dev.ddspatterns.thumbnailer.blobs.JobBlobs;
import dev.ddspatterns.thumbnailer.jobs.JobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes the blobs of jobs that have gone, and measures the store, every
 * {@code storage.sweep-interval}. A job's blobs go at the first sweep after nothing was
 * written under them for the retention ({@link StoreSurvey}) and its state is no longer
 * in Redis, so a client never finds a job whose thumbnails are missing.
 * <p>
 * Every instance sweeps on its own and nothing is claimed: deleting what another instance
 * has just deleted is not an error, so two sweeps of the same job end as one. The disk is
 * what a sweep reads, not a schedule kept elsewhere, so nothing is left behind for good
 * by a restart, a crash between storing an upload and recording its job, or a Redis that
 * lost its data (its jobs are simply gone). The cost is a listing of the whole store per
 * sweep on each instance; an object store would do this with a lifecycle rule instead. If
 * Redis does not answer, nothing is deleted: without it, nothing says the state has gone.
 */
@Component
class BlobSweeper implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(BlobSweeper.class);

	private final BlobStore blobs;

	private final JobStore jobs;

	private final StoredBytes stored;

	private final Clock clock;

	private final Duration retention;

	private final Duration interval;

	private final Counter swept;

	BlobSweeper(BlobStore blobs, JobStore jobs, StoredBytes stored, Clock clock, MeterRegistry registry,
			ThumbnailerProperties properties) {
		this.blobs = blobs;
		this.jobs = jobs;
		this.stored = stored;
		this.clock = clock;
		this.retention = properties.retention();
		this.interval = properties.storage().sweepInterval();
		this.swept = Counter.builder("thumbnailer.blobs.swept")
			.description("Jobs whose blobs a sweep deleted")
			.register(registry);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::sweep, this.interval);
	}

	void sweep() {
		long reserved = this.stored.reserved();
		StoreSurvey survey;
		try {
			survey = StoreSurvey.of(this.blobs.listAll(""), this.clock.instant(), this.retention);
		}
		catch (IOException ex) {
			log.warn("Cannot list the blob store; the next sweep tries again", ex);
			return;
		}
		this.stored.measured(survey.bytes(), reserved);
		try {
			for (String jobId : survey.expired()) {
				if (!this.jobs.exists(jobId)) {
					delete(jobId);
				}
			}
		}
		catch (DataAccessException ex) {
			log.warn("Redis does not answer; expired blobs stay until a sweep can check their jobs' state", ex);
		}
	}

	private void delete(String jobId) {
		try {
			for (String prefix : JobBlobs.prefixes(jobId)) {
				this.blobs.deleteAll(prefix);
			}
			this.swept.increment();
		}
		catch (IOException ex) {
			log.warn("Cannot delete the blobs of job {}; the next sweep tries again", jobId, ex);
		}
	}

}
