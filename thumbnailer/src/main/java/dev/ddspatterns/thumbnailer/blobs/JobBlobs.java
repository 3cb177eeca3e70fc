package dev.ddspatterns.thumbnailer.blobs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a job's blobs are in the store, in one place, so that the API, the stages and the
 * sweep agree: everything of a job is under {@code jobs/<id>/}, and an upload still
 * arriving is {@code incoming/<id>}. Keys are internal: the API shows links, never keys.
 */
public final class JobBlobs {

	private static final Pattern JOB_KEY = Pattern.compile("jobs/([^/]+)/.+|incoming/([^/]+)");

	private JobBlobs() {
	}

	/**
	 * @param jobId the job
	 * @return the key of its source
	 */
	public static String source(String jobId) {
		return "jobs/" + jobId + "/source";
	}

	/**
	 * @param jobId the job
	 * @return the key an upload is received under before it becomes the source
	 */
	public static String incoming(String jobId) {
		return "incoming/" + jobId;
	}

	/**
	 * @param jobId the job
	 * @param index the thumbnail's index
	 * @param format its format, {@code jpg} or {@code png}
	 * @return the key of the thumbnail
	 */
	public static String thumbnail(String jobId, int index, String format) {
		return "jobs/%s/thumbs/%05d.%s".formatted(jobId, index, format);
	}

	/**
	 * @param jobId the job
	 * @param format its format, {@code jpg} or {@code png}
	 * @return the key of the contact sheet
	 */
	public static String contactSheet(String jobId, String format) {
		return "jobs/%s/contact-sheet.%s".formatted(jobId, format);
	}

	/**
	 * @param jobId the job
	 * @return the prefixes under which its blobs are, to delete them as a unit
	 */
	public static List<String> prefixes(String jobId) {
		return List.of("jobs/" + jobId + "/", incoming(jobId));
	}

	/**
	 * @param key a blob's key
	 * @return the job it belongs to, if it belongs to one
	 */
	public static Optional<String> jobOf(String key) {
		Matcher job = JOB_KEY.matcher(key);
		if (!job.matches()) {
			return Optional.empty();
		}
		return Optional.of((job.group(1) != null) ? job.group(1) : job.group(2));
	}

}
