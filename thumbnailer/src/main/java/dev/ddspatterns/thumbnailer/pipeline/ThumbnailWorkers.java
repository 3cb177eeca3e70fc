package dev.ddspatterns.thumbnailer.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.ddspatterns.service.SuiteProperties;
import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import dev.ddspatterns.thumbnailer.blobs.BlobStore;
import dev.ddspatterns.thumbnailer.blobs.JobBlobs;
import dev.ddspatterns.thumbnailer.jobs.JobStore;
import dev.ddspatterns.thumbnailer.jobs.JobStore.Thumbnail;
import dev.ddspatterns.thumbnailer.media.MediaFormat;
import dev.ddspatterns.thumbnailer.media.PictureMemory;
import dev.ddspatterns.thumbnailer.media.ThumbnailRenderer;
import dev.ddspatterns.thumbnailer.media.VideoFrames;
import dev.ddspatterns.thumbnailer.pipeline.Events.ImageCompleted;
import dev.ddspatterns.thumbnailer.pipeline.Events.ThumbnailCreated;
import dev.ddspatterns.thumbnailer.pipeline.Events.WorkItem;
import dev.ddspatterns.thumbnailer.pipeline.TopicPublisher.Outgoing;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The workers of the work queue: each takes one item, makes one thumbnail and writes it
 * under a key made of the job and the item's index. A redelivered item (its worker died
 * before committing) is simply done again and overwrites the same object, so each
 * thumbnail exists once however often it is made. More instances, or more consumer
 * threads ({@code suite.thumbnailer.worker-concurrency}), share the partitions.
 */
@Component
class ThumbnailWorkers {

	static final String IMAGE_WORKER = "image-worker";

	static final String FRAME_WORKER = "frame-worker";

	private final ThumbnailRenderer renderer;

	private final VideoFrames videos;

	private final PictureMemory memory;

	private final BlobStore blobs;

	private final JobStore jobs;

	private final TopicPublisher publisher;

	private final StageBoundary boundary;

	private final String worker;

	private final Duration holdBeforeCommit;

	ThumbnailWorkers(ThumbnailRenderer renderer, VideoFrames videos, PictureMemory memory, BlobStore blobs,
			JobStore jobs, TopicPublisher publisher, StageBoundary boundary, SuiteProperties suite,
			ThumbnailerProperties properties) {
		this.renderer = renderer;
		this.videos = videos;
		this.memory = memory;
		this.blobs = blobs;
		this.jobs = jobs;
		this.publisher = publisher;
		this.boundary = boundary;
		this.worker = suite.instanceId();
		this.holdBeforeCommit = properties.faults().workerHoldBeforeCommit();
	}

	@KafkaListener(id = IMAGE_WORKER, groupId = "thumbnailer-image-worker",
			clientIdPrefix = "${spring.application.name}-${suite.instance-id}-image-worker", topics = Topics.IMAGES)
	void image(WorkItem item) {
		if (!this.jobs.isLive(item.jobId())) {
			return;
		}
		this.boundary.run(IMAGE_WORKER, () -> {
			byte[] thumbnail;
			try (var reserved = this.memory
				.reserve(PictureMemory.ofImage(item.options().width(), item.options().height()))) {
				thumbnail = this.renderer.render(this.blobs.localPath(item.sourceKey()), item.options().size());
			}
			ThumbnailCreated created = write(item, MediaFormat.Kind.IMAGE, thumbnail);
			this.publisher.send(new Outgoing(Topics.THUMBNAILS, item.jobId(), created),
					new Outgoing(Topics.IMAGES_COMPLETED, item.jobId(), new ImageCompleted(item.jobId())));
		});
		hold();
	}

	@KafkaListener(id = FRAME_WORKER, groupId = "thumbnailer-frame-worker",
			clientIdPrefix = "${spring.application.name}-${suite.instance-id}-frame-worker", topics = Topics.FRAMES)
	void frame(WorkItem item) {
		if (!this.jobs.isLive(item.jobId())) {
			return;
		}
		this.boundary.run(FRAME_WORKER, () -> {
			byte[] thumbnail;
			try (var reserved = this.memory
				.reserve(PictureMemory.ofFrame(item.options().width(), item.options().height()))) {
				var frame = this.videos.frameAt(this.blobs.localPath(item.sourceKey()), item.timestampMicros(),
						item.options().width(), item.options().height());
				thumbnail = this.renderer.render(frame, item.options().size());
			}
			ThumbnailCreated created = write(item, MediaFormat.Kind.VIDEO, thumbnail);
			this.publisher.send(Topics.THUMBNAILS, item.jobId(), created);
		});
		hold();
	}

	private ThumbnailCreated write(WorkItem item, MediaFormat.Kind kind, byte[] thumbnail) {
		String format = item.options().format();
		String key = JobBlobs.thumbnail(item.jobId(), item.index(), format);
		try {
			this.blobs.put(key, thumbnail);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + key, ex);
		}
		String mediaType = ThumbnailRenderer.mediaType(format);
		this.jobs.thumbnailWritten(item.jobId(), new Thumbnail(item.index(), item.timestampMicros() / 1000, key,
				mediaType, item.options().width(), item.options().height(), thumbnail.length), this.worker);
		return new ThumbnailCreated(item.jobId(), kind, item.index(), item.count(), key, thumbnail.length, this.worker);
	}

	// Fault injection: widens the window between the side effects and the offset commit.
	private void hold() {
		if (this.holdBeforeCommit.isPositive()) {
			try {
				Thread.sleep(this.holdBeforeCommit);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
