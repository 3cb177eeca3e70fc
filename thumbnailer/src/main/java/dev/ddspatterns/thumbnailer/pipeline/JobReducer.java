package dev.ddspatterns.thumbnailer.pipeline;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import dev.ddspatterns.thumbnailer.blobs.BlobStore;
import dev.ddspatterns.thumbnailer.blobs.JobBlobs;
import dev.ddspatterns.thumbnailer.jobs.JobState;
import dev.ddspatterns.thumbnailer.jobs.JobStore;
import dev.ddspatterns.thumbnailer.jobs.JobStore.Thumbnail;
import dev.ddspatterns.thumbnailer.jobs.JobSummary;
import dev.ddspatterns.thumbnailer.media.ColourHistogram;
import dev.ddspatterns.thumbnailer.media.ContactSheet;
import dev.ddspatterns.thumbnailer.media.PictureMemory;
import dev.ddspatterns.thumbnailer.media.ThumbnailRenderer;
import dev.ddspatterns.thumbnailer.pipeline.Events.JobCompleted;
import dev.ddspatterns.thumbnailer.pipeline.Events.JobEvent;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The reduce stage: a completed job's thumbnails become one contact sheet and one summary
 * (count, bytes, the distribution of colours), then the job is done. Recomputing from the
 * stored thumbnails makes it idempotent: a redelivered completion writes the same sheet
 * and summary again, and the notifier drops the repeated "done".
 */
@Component
class JobReducer {

	private static final int DOMINANT_COLOURS = 5;

	private final BlobStore blobs;

	private final JobStore jobs;

	private final TopicPublisher publisher;

	private final StageBoundary boundary;

	private final long sheetMaxPixels;

	private final PictureMemory memory;

	JobReducer(BlobStore blobs, JobStore jobs, TopicPublisher publisher, StageBoundary boundary, PictureMemory memory,
			ThumbnailerProperties properties) {
		this.sheetMaxPixels = properties.contactSheetMaxPixels();
		this.memory = memory;
		this.blobs = blobs;
		this.jobs = jobs;
		this.publisher = publisher;
		this.boundary = boundary;
	}

	@KafkaListener(id = "reduce", groupId = "thumbnailer-reduce",
			clientIdPrefix = "${spring.application.name}-${suite.instance-id}-reduce", topics = Topics.JOBS_COMPLETED)
	void reduce(JobCompleted completed) {
		if (this.jobs.state(completed.jobId()).orElse(null) == JobState.FAILED) {
			return;
		}
		this.boundary.run("reduce", () -> {
			List<Thumbnail> thumbnails = this.jobs.thumbnails(completed.jobId());
			if (thumbnails.size() != completed.thumbnails()) {
				throw new IllegalStateException("Job " + completed.jobId() + " has " + thumbnails.size()
						+ " thumbnails recorded, its completion says " + completed.thumbnails());
			}
			this.jobs.done(completed.jobId(), summarize(completed, thumbnails));
			this.publisher.send(Topics.EVENTS, completed.jobId(), JobEvent.done(completed.jobId()));
		});
	}

	private JobSummary summarize(JobCompleted completed, List<Thumbnail> thumbnails) {
		// One thumbnail in memory at a time, and a sheet of bounded size.
		Thumbnail first = thumbnails.get(0);
		ContactSheet.Layout layout = ContactSheet.Layout.of(thumbnails.size(), first.width(), first.height(),
				this.sheetMaxPixels);
		ColourHistogram colours = new ColourHistogram();
		long bytes = 0;
		String format = first.key().substring(first.key().lastIndexOf('.') + 1);
		String sheetKey = JobBlobs.contactSheet(completed.jobId(), format);
		try (var reserved = this.memory
			.reserve(PictureMemory.ofReduce(first.width(), first.height(), (long) layout.width() * layout.height()))) {
			ContactSheet sheet = new ContactSheet(layout);
			for (Thumbnail thumbnail : thumbnails) {
				BufferedImage picture = read(thumbnail.key());
				colours.add(picture);
				sheet.add(picture);
				bytes += thumbnail.bytes();
			}
			write(sheetKey, sheet.picture(), format);
		}
		return new JobSummary(completed.jobId(), completed.kind().name().toLowerCase(Locale.ROOT), thumbnails.size(),
				bytes, this.blobs.size(JobBlobs.source(completed.jobId())),
				new JobSummary.Sheet(layout.grid().columns(), layout.grid().rows(), layout.width(), layout.height(),
						ThumbnailRenderer.mediaType(format), "/v1/jobs/" + completed.jobId() + "/contact-sheet"),
				new JobSummary.Colours(colours.shares(), colours.dominant(DOMINANT_COLOURS)));
	}

	private BufferedImage read(String key) {
		try (InputStream in = this.blobs.open(key)) {
			BufferedImage picture = ImageIO.read(in);
			if (picture == null) {
				throw new IllegalStateException("Thumbnail " + key + " is not readable");
			}
			return picture;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + key, ex);
		}
	}

	// Encoded through a file, not a byte array: the sheet may be megabytes.
	private void write(String key, BufferedImage picture, String format) {
		try {
			Path file = Files.createTempFile("contact-sheet", "." + format);
			try {
				ImageIO.write(picture, format, file.toFile());
				this.blobs.putFile(key, file);
			}
			finally {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + key, ex);
		}
	}

}
