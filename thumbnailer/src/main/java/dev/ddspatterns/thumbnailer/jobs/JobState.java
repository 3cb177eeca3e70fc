package dev.ddspatterns.thumbnailer.jobs;

import java.util.Locale;

/** Where a job is; {@code DONE} and {@code FAILED} are final. */
public enum JobState {

	/** Accepted, waiting for the filter. */
	QUEUED,

	/** In the pipeline. */
	RUNNING,

	/** Thumbnails, contact sheet and summary are ready. */
	DONE,

	/** Stopped, with a reason. */
	FAILED;

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
