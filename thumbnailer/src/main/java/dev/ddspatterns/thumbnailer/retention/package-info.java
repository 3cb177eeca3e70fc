/**
 * Retention for the work queue's blob store: a job's blobs (source, thumbnails, contact
 * sheet) leave the store once its state has left Redis, whether it was done, failed or
 * deleted, and the store refuses new jobs before its volume is full.
 *
 * <p>
 * Read {@link dev.ddspatterns.thumbnailer.retention.BlobSweeper} first: every instance
 * sweeps the store on its own, and the disk itself says what is there, so a restart, a
 * crash or a Redis that lost its data leaves nothing behind for good. What a sweep
 * decides is in {@link dev.ddspatterns.thumbnailer.retention.StoreSurvey}, whether one
 * more job fits in {@link dev.ddspatterns.thumbnailer.retention.StorageBudget}, both with
 * a unit test beside them; {@code RetentionIntegrationTests} proves it all on disk.
 */
package dev.ddspatterns.thumbnailer.retention;
