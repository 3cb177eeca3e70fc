package dev.ddspatterns.thumbnailer.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ddspatterns.thumbnailer.blobs.StoredBlob;

/**
 * The blob store as one sweep finds it: the bytes it holds, and the jobs none of whose
 * blobs was written within the retention.
 * <p>
 * A job's state lives in Redis for the retention from its submission, and its blobs are
 * written after that (an upload is stored a moment before, which is why the sweeper still
 * asks Redis), so by the time a job's newest blob is a retention old, its state has
 * normally expired too. The disk is the only input: a job whose state Redis lost, or an
 * upload whose request died before its job was recorded, is found here all the same.
 *
 * @param bytes what every blob in the store takes, jobs or not
 * @param expired ids of the jobs whose newest blob is at least a retention old
 */
record StoreSurvey(long bytes, SortedSet<String> expired) {

	/**
	 * A job's blobs: everything under {@code jobs/<id>/}, and an upload still arriving.
	 */
	private static final Pattern JOB_KEY = Pattern.compile("jobs/([^/]+)/.+|incoming/([^/]+)");

	static StoreSurvey of(Collection<StoredBlob> blobs, Instant now, Duration retention) {
		long bytes = 0;
		Map<String, Instant> newest = new HashMap<>();
		for (StoredBlob blob : blobs) {
			bytes += blob.bytes();
			Matcher job = JOB_KEY.matcher(blob.key());
			if (job.matches()) {
				String jobId = (job.group(1) != null) ? job.group(1) : job.group(2);
				newest.merge(jobId, blob.storedAt(), (one, other) -> one.isAfter(other) ? one : other);
			}
		}
		Instant cutoff = now.minus(retention);
		SortedSet<String> expired = new TreeSet<>();
		newest.forEach((jobId, written) -> {
			if (!written.isAfter(cutoff)) {
				expired.add(jobId);
			}
		});
		return new StoreSurvey(bytes, expired);
	}

	/**
	 * @param jobId a job
	 * @return the prefixes under which its blobs are, to delete them as a unit
	 */
	static List<String> prefixes(String jobId) {
		return List.of("jobs/" + jobId + "/", "incoming/" + jobId);
	}

}
