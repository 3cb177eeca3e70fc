/**
 * The pipeline: one stage per topic, from the filter to the reduce and the notifier (read
 * {@link dev.ddspatterns.thumbnailer.pipeline.Topics} first). Each stage is a
 * {@code @KafkaListener} that runs its work in a
 * {@link dev.ddspatterns.thumbnailer.pipeline.StageBoundary}, moves the job's state
 * through {@code jobs.JobStore} and hands on its output with
 * {@link dev.ddspatterns.thumbnailer.pipeline.TopicPublisher}.
 * <p>
 * Dependencies point one way: this package uses {@code jobs} (the job's state, the
 * submission the API queues, the summary), and {@code jobs} does not use this package.
 */
package dev.ddspatterns.thumbnailer.pipeline;
