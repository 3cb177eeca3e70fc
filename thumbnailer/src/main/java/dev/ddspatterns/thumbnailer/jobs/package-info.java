/**
 * Jobs: the versioned API ({@link dev.ddspatterns.thumbnailer.jobs.JobsController}), a
 * job's state in Redis ({@link dev.ddspatterns.thumbnailer.jobs.JobStore}, typed by
 * {@link dev.ddspatterns.thumbnailer.jobs.JobState}), and the records the API and the
 * pipeline share: the submission it queues
 * ({@link dev.ddspatterns.thumbnailer.jobs.JobSubmitted} on
 * {@link dev.ddspatterns.thumbnailer.jobs.JobQueue}) and the summary the reduce leaves.
 * <p>
 * Dependencies point one way: {@code pipeline} and {@code retention} use this package,
 * and this package uses neither. The API knows the pipeline only as a topic name and the
 * record it puts there.
 */
package dev.ddspatterns.thumbnailer.jobs;
