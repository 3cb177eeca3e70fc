package dev.ddspatterns.thumbnailer.jobs;

import org.jspecify.annotations.Nullable;

/**
 * What {@code scripts/transition.lua} did to a job, read once from the number it returns
 * so that no caller compares Redis answers itself.
 */
enum Transition {

	/** The job had ended already; a late or repeated record changes nothing. */
	ENDED,

	/** The job moved to the new state. */
	MOVED,

	/** There is no such job: it expired or was deleted. */
	MISSING;

	/**
	 * @param answer the script's answer; none (as inside a Redis transaction) counts as
	 * no job, so the caller does not act on it
	 * @return the outcome
	 */
	static Transition of(@Nullable Long answer) {
		if (answer == null) {
			return MISSING;
		}
		return switch (answer.intValue()) {
			case 1 -> MOVED;
			case 0 -> ENDED;
			case -1 -> MISSING;
			default -> throw new IllegalStateException("transition.lua answered " + answer);
		};
	}

}
