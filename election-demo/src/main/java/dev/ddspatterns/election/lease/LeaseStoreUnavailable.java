package dev.ddspatterns.election.lease;

/**
 * The lease store did not answer a read, whichever store it is.
 */
public class LeaseStoreUnavailable extends RuntimeException {

	LeaseStoreUnavailable(String lease, RuntimeException cause) {
		super("The store holding lease " + lease + " did not answer: " + cause.getMessage(), cause);
	}

}
