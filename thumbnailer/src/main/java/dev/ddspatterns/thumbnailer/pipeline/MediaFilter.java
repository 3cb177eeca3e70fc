package dev.ddspatterns.thumbnailer.pipeline;

import java.util.Locale;

import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import dev.ddspatterns.thumbnailer.blobs.BlobStore;
import dev.ddspatterns.thumbnailer.jobs.JobStore;
import dev.ddspatterns.thumbnailer.jobs.JobSubmitted;
import dev.ddspatterns.thumbnailer.media.MediaFormat;
import dev.ddspatterns.thumbnailer.media.MediaProbe;
import dev.ddspatterns.thumbnailer.media.RejectedMediaException;
import dev.ddspatterns.thumbnailer.pipeline.Events.MediaAccepted;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The filter stage: lets through only sources the workers can handle, so unsupported,
 * corrupt or oversize input fails its job here with a precise reason instead of deep in
 * the pipeline. A URL source is fetched here, off the request path.
 */
@Component
class MediaFilter {

	private final SourceFetcher fetcher;

	private final MediaProbe probe;

	private final BlobStore blobs;

	private final JobStore jobs;

	private final TopicPublisher publisher;

	private final StageBoundary boundary;

	private final int maxFrames;

	MediaFilter(SourceFetcher fetcher, MediaProbe probe, BlobStore blobs, JobStore jobs, TopicPublisher publisher,
			StageBoundary boundary, ThumbnailerProperties properties) {
		this.fetcher = fetcher;
		this.probe = probe;
		this.blobs = blobs;
		this.jobs = jobs;
		this.publisher = publisher;
		this.boundary = boundary;
		this.maxFrames = properties.maxFrames();
	}

	@KafkaListener(id = "filter", groupId = "thumbnailer-filter",
			clientIdPrefix = "${spring.application.name}-${suite.instance-id}-filter", topics = Topics.JOBS)
	void filter(JobSubmitted job) {
		// A redelivered record of a job that ended or was deleted since: fetching its
		// source again would only leave a blob behind for the sweep.
		if (!this.jobs.isLive(job.jobId())) {
			return;
		}
		this.boundary.run("filter", () -> {
			String sourceKey = (job.sourceKey() != null) ? job.sourceKey() : this.fetcher.fetch(job.jobId(), job.url());
			MediaProbe.Probed probed = this.probe.probe(this.blobs.localPath(sourceKey), job.format());
			if (probed.format().kind() == MediaFormat.Kind.VIDEO) {
				checkFrameCount(probed.durationMicros(), job.options().intervalSeconds());
			}
			boolean live = this.jobs.stageDone(job.jobId(), "filter", "kind",
					probed.format().kind().name().toLowerCase(Locale.ROOT), "format", probed.format().mediaType(),
					"sourceWidth", Integer.toString(probed.width()), "sourceHeight", Integer.toString(probed.height()));
			if (live) {
				this.publisher.send(Topics.ACCEPTED, job.jobId(), new MediaAccepted(job.jobId(), sourceKey,
						probed.format(), probed.durationMicros(), job.options()));
			}
		});
	}

	private void checkFrameCount(long durationMicros, int intervalSeconds) {
		long frames = MediaSplitter.frameCount(durationMicros, intervalSeconds);
		if (frames > this.maxFrames) {
			throw new RejectedMediaException("a " + durationMicros / 1_000_000 + " s video at one frame every "
					+ intervalSeconds + " s makes " + frames + " thumbnails, more than " + this.maxFrames);
		}
	}

}
