/**
 * The thumbnailer: the book's work queue and event-driven batch patterns on Kafka
 * (Designing Distributed Systems, chapters 10 to 13). A job enters through the versioned
 * API in {@code jobs.JobsController}, then flows through one topic per stage: filter,
 * splitter, image and frame workers, copier, join, merger and reduce. Start reading at
 * {@code pipeline.Topics}, which names every topic and the stage that consumes it.
 */
package dev.ddspatterns.thumbnailer;
