package dev.ddspatterns.election.lease;

/**
 * What an attempt to take a lease came to, read once from {@code acquire.lua}'s answer.
 */
public sealed interface Acquisition {

	/**
	 * Reads the script's answer.
	 * @param answer the new or learned term's token (positive) if the candidate holds the
	 * lease, else minus the current token (zero if no term was ever minted)
	 * @return the acquisition it means
	 */
	static Acquisition of(long answer) {
		return (answer > 0) ? new Won(answer) : new Held(-answer);
	}

	/**
	 * The candidate holds the lease, in a term minted now or in one minted by an earlier
	 * attempt of its own whose answer was lost.
	 *
	 * @param token the term's fencing token
	 */
	record Won(long token) implements Acquisition {

	}

	/**
	 * Another replica holds the lease.
	 *
	 * @param token the current term's fencing token, 0 if none was ever minted
	 */
	record Held(long token) implements Acquisition {

	}

	/**
	 * The call failed after it may have run: the store may have minted a term for the
	 * candidate, which it learns from its next attempt.
	 *
	 * @param cause why the answer never came
	 */
	record Unknown(String cause) implements Acquisition {

	}

}
