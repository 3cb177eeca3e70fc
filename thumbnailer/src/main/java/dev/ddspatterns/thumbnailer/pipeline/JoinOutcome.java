package dev.ddspatterns.thumbnailer.pipeline;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * What {@code scripts/join.lua} decided about one frame's arrival. The script answers
 * with a number (Lua has no enums); this is the one place that reads it, so
 * {@link FrameJoin} acts on names and a new answer in the script fails loudly here rather
 * than being taken for another.
 */
enum JoinOutcome {

	/** Frames are still missing: nothing to do. */
	WAITING(0),

	/** This arrival completed the job and this caller holds the claim: it publishes. */
	PUBLISH(1),

	/** The job's completion was published already (a redelivered frame). */
	PUBLISHED(2),

	/** Another instance holds a live claim and is publishing: retry later. */
	CLAIMED_ELSEWHERE(3);

	private final long answer;

	JoinOutcome(long answer) {
		this.answer = answer;
	}

	/**
	 * @return the number the script returns for this outcome
	 */
	long answer() {
		return this.answer;
	}

	static JoinOutcome of(@Nullable Long answer) {
		return Arrays.stream(values())
			.filter((outcome) -> answer != null && outcome.answer == answer)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("join.lua answered " + answer));
	}

}
