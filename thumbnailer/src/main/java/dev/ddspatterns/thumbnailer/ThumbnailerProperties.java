package dev.ddspatterns.thumbnailer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the thumbnailer, prefix {@code suite.thumbnailer}.
 *
 * @param blobDir the blob store's directory: uploads, thumbnails and contact sheets.
 * Every instance must see the same directory (a shared volume in compose, a ReadWriteMany
 * volume in Kubernetes).
 * @param sourceOrigins origins ({@code scheme://host:port}) that URL sources may be
 * fetched from; any other URL is refused, so the service cannot be used to reach internal
 * hosts (SSRF)
 * @param callbackOrigins origins that callback URLs may point at
 * @param maxSourceSize largest accepted upload or fetched source
 * @param maxConcurrentUploads uploads one instance receives at once; each holds a
 * connection and a temporary file of up to {@code max-source-size} until its body has
 * arrived. One more is refused with 503 and {@code Retry-After} before its body is read
 * @param maxPixels largest accepted image, in pixels, checked from the header before
 * anything is decoded. A worker decodes only what the thumbnail shows, so the heap it
 * takes is set by the thumbnail's size, not this
 * @param maxVideoPixels largest accepted video frame, in pixels (3840x2160 by default),
 * checked from the header before a frame is decoded. FFmpeg decodes whole frames, with
 * several reference frames, in native memory, so this bounds a frame worker's native
 * memory
 * @param maxFrames most thumbnails one video may produce
 * @param contactSheetMaxPixels largest contact sheet, in pixels; the cells of a sheet
 * that would be larger are scaled down to fit
 * @param pictureMemory heap the pictures of all stages of one instance may take at once
 * ({@link dev.ddspatterns.thumbnailer.media.PictureMemory}); work waits for its share, so
 * an instance's heap must be this plus the app's own (about 100 MB): the compose file's
 * {@code -Xmx384m} leaves room for the default
 * @param partitions partitions of every pipeline topic and of its dead-letter topic
 * @param workerConcurrency consumer threads per instance for each of the two worker
 * stages
 * @param stageConcurrency consumer threads per instance for each other stage; they mostly
 * wait on Redis and Kafka, so a second thread keeps one slow send from stalling a stage
 * @param retry bounded retries of a failing record before it goes to the dead-letter
 * topic
 * @param callbackTimeout how long one callback request may take
 * @param retention how long a job is kept: its state in Redis from its submission, its
 * blobs from their last write once its state has gone
 * @param storage how much the blob store may hold, and how often it is swept
 * @param faults fault injection for demos and failover tests; off by default
 */
@ConfigurationProperties("suite.thumbnailer")
@Validated
public record ThumbnailerProperties(@NotNull Path blobDir, @DefaultValue List<URI> sourceOrigins,
		@DefaultValue List<URI> callbackOrigins, @DefaultValue("50MB") DataSize maxSourceSize,
		@DefaultValue("8") @Min(1) int maxConcurrentUploads, @DefaultValue("40000000") @Min(1) long maxPixels,
		@DefaultValue("8294400") @Min(1) long maxVideoPixels, @DefaultValue("120") @Min(1) @Max(10000) int maxFrames,
		@DefaultValue("8000000") @Min(1) long contactSheetMaxPixels, @DefaultValue("160MB") DataSize pictureMemory,
		@DefaultValue("6") @Min(1) int partitions, @DefaultValue("2") @Min(1) int workerConcurrency,
		@DefaultValue("2") @Min(1) int stageConcurrency, @DefaultValue @Valid Retry retry,
		@DefaultValue("5s") Duration callbackTimeout, @DefaultValue("7d") Duration retention,
		@DefaultValue @Valid Storage storage, @DefaultValue Faults faults) {

	@AssertTrue(message = "storage.max-stored must leave room for at least one source of max-source-size")
	boolean isMaxStoredAboveMaxSourceSize() {
		return this.storage.maxStored().toBytes() > this.maxSourceSize.toBytes();
	}

	@AssertTrue(message = "retention must be positive")
	boolean isRetentionPositive() {
		return this.retention.isPositive();
	}

	/**
	 * Bounded retries.
	 *
	 * @param attempts deliveries of a record before it is dead-lettered, the first
	 * included
	 * @param interval pause between deliveries
	 */
	public record Retry(@DefaultValue("3") @Min(1) @Max(20) int attempts, @DefaultValue("250ms") Duration interval) {

	}

	/**
	 * The blob store's bounds. A new job is refused (507) unless the largest source it
	 * may bring, {@code max-source-size}, still fits under both; jobs already accepted
	 * keep writing their thumbnails and sheets, which is what the margins are for.
	 *
	 * @param maxStored most bytes the store may hold, as last measured plus what was
	 * admitted since. The default suits the 2 GiB volume the Kubernetes manifests claim:
	 * half of it, leaving room for the thumbnails of accepted jobs and for uploads in
	 * flight on every replica
	 * @param minFree free space the volume keeps: a new job is refused when what is left
	 * after its largest source would be less. This one is measured at every request, so
	 * it holds whatever else fills the volume (a compose volume shares the host's disk)
	 * @param sweepInterval how often each instance measures the store and deletes the
	 * blobs of jobs that have gone; each sweep lists the whole store
	 */
	public record Storage(@DefaultValue("1GB") DataSize maxStored, @DefaultValue("256MB") DataSize minFree,
			@DefaultValue("1m") Duration sweepInterval) {

		@AssertTrue(message = "sweep-interval must be positive")
		boolean isSweepIntervalPositive() {
			return this.sweepInterval.isPositive();
		}

	}

	/**
	 * Fault injection.
	 *
	 * @param workerHoldBeforeCommit how long the workers wait after a thumbnail is
	 * written and announced and before its offset is committed: the window in which a
	 * crash makes Kafka deliver the item again
	 */
	public record Faults(@DefaultValue("0s") Duration workerHoldBeforeCommit) {

	}

}
