package dev.ddspatterns.thumbnailer.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.ddspatterns.thumbnailer.blobs.JobBlobs;
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

	static StoreSurvey of(Collection<StoredBlob> blobs, Instant now, Duration retention) {
		long bytes = 0;
		Map<String, Instant> newest = new HashMap<>();
		for (StoredBlob blob : blobs) {
			bytes += blob.bytes();
			JobBlobs.jobOf(blob.key())
				.ifPresent((jobId) -> newest.merge(jobId, blob.storedAt(),
						(one, other) -> one.isAfter(other) ? one : other));
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

}
