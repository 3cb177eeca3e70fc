package dev.ddspatterns.election.ledger;

/**
 * What an append to a {@link FencedLedger} came to, read once from {@code append.lua}'s
 * answer.
 */
public enum Append {

	/** Appended. */
	ACCEPTED,

	/**
	 * Appended before: this was the retry of a tick whose earlier attempt ran although
	 * its answer was lost.
	 */
	ALREADY_ACCEPTED,

	/** Refused: a newer term has written. The entry is not in the ledger. */
	REJECTED,

	/**
	 * The call failed after it may have run: the entry may or may not be in the ledger.
	 * Sending the same tick again tells which.
	 */
	UNKNOWN;

	/**
	 * @param answer the script's answer
	 * @return what it means
	 */
	static Append of(long answer) {
		return switch ((int) answer) {
			case 1 -> ACCEPTED;
			case 2 -> ALREADY_ACCEPTED;
			case 0 -> REJECTED;
			default -> throw new IllegalArgumentException("append.lua answered " + answer);
		};
	}

}
