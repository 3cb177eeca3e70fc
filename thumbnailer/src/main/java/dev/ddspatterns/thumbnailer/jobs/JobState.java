package dev.ddspatterns.thumbnailer.jobs;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a job is; {@code DONE} and {@code FAILED} are final. The API and the job hash in
 * Redis both write it in lower case ({@code "done"}), which is also what
 * {@code scripts/transition.lua} compares against: only this enum turns it into text.
 */
public enum JobState {

	/** Accepted, waiting for the filter. */
	QUEUED,

	/** In the pipeline. */
	RUNNING,

	/** Thumbnails, contact sheet and summary are ready. */
	DONE,

	/** Stopped, with a reason. */
	FAILED;

	/**
	 * @return whether nothing in the pipeline works on a job in this state any more
	 */
	public boolean hasEnded() {
		return this == DONE || this == FAILED;
	}

	/**
	 * @return the state as the API and Redis write it
	 */
	@JsonValue
	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static JobState of(String value) {
		return Arrays.stream(values())
			.filter((state) -> state.value().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("A job's state is not " + value));
	}

}
