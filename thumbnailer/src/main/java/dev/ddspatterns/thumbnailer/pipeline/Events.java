package dev.ddspatterns.thumbnailer.pipeline;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.ddspatterns.thumbnailer.media.MediaFormat;
import dev.ddspatterns.thumbnailer.media.ThumbnailRenderer;
import org.jspecify.annotations.Nullable;

/**
 * The records that travel between stages, as JSON. Work items name what to do; events say
 * what happened, in the past tense.
 */
public final class Events {

	private Events() {
	}

	/**
	 * What the client asked for.
	 *
	 * @param width thumbnail width in pixels
	 * @param height thumbnail height in pixels
	 * @param format thumbnail format, {@code jpg} or {@code png}
	 * @param intervalSeconds seconds between two video frames
	 * @param callback where to POST the job's outcome, if anywhere
	 */
	public record JobOptions(int width, int height, String format, int intervalSeconds, @Nullable URI callback) {

		ThumbnailRenderer.Size size() {
			return new ThumbnailRenderer.Size(this.width, this.height, this.format);
		}

	}

	/**
	 * A job the API accepted.
	 *
	 * @param jobId the job
	 * @param sourceKey the uploaded source's blob key, or null for a URL source
	 * @param url the source's URL, or null for an upload
	 * @param format the declared format, none for a URL source
	 * @param options the options
	 */
	public record JobSubmitted(String jobId, @Nullable String sourceKey, @Nullable URI url,
			@Nullable MediaFormat format, JobOptions options) {

	}

	/**
	 * A source the filter let through.
	 *
	 * @param jobId the job
	 * @param sourceKey the source's blob key
	 * @param format the format its bytes show
	 * @param durationMicros a video's length, 0 for images
	 * @param options the options
	 */
	public record MediaAccepted(String jobId, String sourceKey, MediaFormat format, long durationMicros,
			JobOptions options) {

	}

	/**
	 * One thumbnail to make.
	 *
	 * @param jobId the job
	 * @param sourceKey the source's blob key
	 * @param index the thumbnail's position in the job, from 0
	 * @param count how many thumbnails the job makes
	 * @param timestampMicros the video frame's time, 0 for images
	 * @param options the options
	 */
	public record WorkItem(String jobId, String sourceKey, int index, int count, long timestampMicros,
			JobOptions options) {

		/**
		 * @return the Kafka key, which names the item (the publisher chooses its
		 * partition)
		 */
		String key() {
			return this.jobId + ":" + this.index;
		}

	}

	/**
	 * A thumbnail was written.
	 *
	 * @param jobId the job
	 * @param kind image or video
	 * @param index its position in the job
	 * @param count how many thumbnails the job makes
	 * @param key its blob key
	 * @param bytes its size
	 * @param worker the instance that made it
	 */
	public record ThumbnailCreated(String jobId, MediaFormat.Kind kind, int index, int count, String key, long bytes,
			String worker) {

	}

	/**
	 * An image job's thumbnail is done.
	 *
	 * @param jobId the job
	 */
	public record ImageCompleted(String jobId) {

	}

	/**
	 * Every frame of a video job is done; the join emits one per job.
	 *
	 * @param jobId the job
	 * @param frames how many frames
	 */
	public record VideoCompleted(String jobId, int frames) {

	}

	/**
	 * A job of either kind has all its thumbnails: the merged stream the reduce follows.
	 *
	 * @param jobId the job
	 * @param kind image or video
	 * @param thumbnails how many thumbnails
	 */
	public record JobCompleted(String jobId, MediaFormat.Kind kind, int thumbnails) {

	}

	/**
	 * What the notifier hears about: a thumbnail created, a job done or failed.
	 *
	 * @param type what happened
	 * @param jobId the job
	 * @param thumbnail the thumbnail's index, for {@code thumbnail-created}
	 * @param reason why the job failed, for {@code job-failed}
	 */
	public record JobEvent(Type type, String jobId, @Nullable Integer thumbnail, @Nullable String reason) {

		static JobEvent thumbnailCreated(ThumbnailCreated created) {
			return new JobEvent(Type.THUMBNAIL_CREATED, created.jobId(), created.index(), null);
		}

		static JobEvent done(String jobId) {
			return new JobEvent(Type.JOB_DONE, jobId, null, null);
		}

		static JobEvent failed(String jobId, String reason) {
			return new JobEvent(Type.JOB_FAILED, jobId, null, reason);
		}

		boolean finishesJob() {
			return this.type != Type.THUMBNAIL_CREATED;
		}

		/**
		 * The kinds of job event, written as callbacks receive them
		 * ({@code "type": "job-done"}).
		 */
		public enum Type {

			/** A thumbnail was written. */
			THUMBNAIL_CREATED("thumbnail-created"),

			/** The job is done: its summary and contact sheet are ready. */
			JOB_DONE("job-done"),

			/** The job failed, with a reason. */
			JOB_FAILED("job-failed");

			private final String value;

			Type(String value) {
				this.value = value;
			}

			/**
			 * @return the type as events and callbacks write it
			 */
			@JsonValue
			public String value() {
				return this.value;
			}

		}

	}

}
