package dev.ddspatterns.thumbnailer.jobs;

import java.net.URI;

import dev.ddspatterns.thumbnailer.media.MediaFormat;
import org.jspecify.annotations.Nullable;

/**
 * A job the API accepted, as it goes onto the jobs topic ({@link JobQueue}): the
 * pipeline's first record, and the one type the API and the pipeline's filter share.
 *
 * @param jobId the job
 * @param sourceKey the uploaded source's blob key, or null for a URL source
 * @param url the source's URL, or null for an upload
 * @param format the declared format, none for a URL source
 * @param options the options
 */
public record JobSubmitted(String jobId, @Nullable String sourceKey, @Nullable URI url, @Nullable MediaFormat format,
		JobOptions options) {

}
