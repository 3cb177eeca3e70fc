package dev.ddspatterns.thumbnailer.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.ddspatterns.thumbnailer.jobs.JobOptions;
import dev.ddspatterns.thumbnailer.media.MediaFormat;
import org.jspecify.annotations.Nullable;

/**
 * The records that travel between stages, as JSON ({@code jobs.JobSubmitted}, what the
 * API puts on the jobs topic, is the first). Work items name what to do; events say what
 * happened, in the past tense.
 */
public final class Events {

	private Events() {
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
