package dev.ddspatterns.election.lease;

/**
 * What an attempt to renew a lease came to.
 */
public enum Renewal {

	/** The caller still held the lease, which now lives one ttl more. */
	RENEWED,

	/** The lease was gone or someone else's. */
	REFUSED,

	/**
	 * The call failed after it may have run: the lease may or may not have been extended.
	 * Either way it is valid at least until one ttl after the last renewal that was
	 * confirmed, which is all the holder may count on.
	 */
	UNKNOWN;

	/**
	 * @param answer {@code renew.lua}'s answer
	 * @return what it means
	 */
	static Renewal of(long answer) {
		return (answer == 1) ? RENEWED : REFUSED;
	}

}
