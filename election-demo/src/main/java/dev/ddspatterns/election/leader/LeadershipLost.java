package dev.ddspatterns.election.leader;

import java.time.Instant;

/**
 * This replica stopped being the leader.
 *
 * @param leader this replica's id
 * @param token the fencing token of the term that ended
 * @param reason why it ended
 * @param at when this replica noticed
 */
public record LeadershipLost(String leader, long token, Reason reason, Instant at) {

	/** Why a term ended. */
	public enum Reason {

		/** A renewal found the lease gone or held by another replica. */
		RENEWAL_REFUSED,

		/** The lease expired by this replica's clock before a renewal succeeded. */
		WATCHDOG,

		/** The replica shut down and released the lease. */
		SHUTDOWN

	}

}
