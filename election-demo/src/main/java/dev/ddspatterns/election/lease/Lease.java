package dev.ddspatterns.election.lease;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named lease in a {@link LeaseStore}, as its holder and candidates use it. A call
 * that fails does not throw: its outcome is {@link Acquisition.Unknown unknown}
 * ({@link Renewal#UNKNOWN}), counted as {@code election.lease.unknown} and logged, since
 * the store may have done it all the same.
 *
 * <p>
 * This class only talks to the store. Whether the holder may still act is the
 * {@link LeaseWatchdog}'s call, on the holder's own clock: the store cannot stop a holder
 * that no longer hears from it.
 */
public class Lease {

	private static final Logger logger = LoggerFactory.getLogger(Lease.class);

	private final LeaseStore store;

	private final String name;

	private final MeterRegistry meters;

	public Lease(LeaseStore store, String name, MeterRegistry meters) {
		this.store = store;
		this.name = name;
		this.meters = meters;
	}

	/**
	 * @return the lease's name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Takes the lease if it is free, starting a new term; or learns the term an earlier
	 * attempt of this candidate started, if its answer was lost.
	 * @param candidate the replica's id
	 * @param known the token of the last term the candidate learned of for this lease, 0
	 * if none: a lease of its own in that term is taken again as a new term, one of its
	 * own in any other term is learned
	 * @return what came of it
	 */
	public Acquisition acquire(String candidate, long known) {
		try {
			return this.store.acquire(this.name, candidate, known);
		}
		catch (RuntimeException ex) {
			unknown("acquire", candidate, ex);
			return new Acquisition.Unknown(String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * @param holder the replica's id
	 * @return whether the holder still held the lease and it now lives one ttl more, or
	 * whether that is unknown
	 */
	public Renewal renew(String holder) {
		try {
			return this.store.renew(this.name, holder) ? Renewal.RENEWED : Renewal.REFUSED;
		}
		catch (RuntimeException ex) {
			unknown("renew", holder, ex);
			return Renewal.UNKNOWN;
		}
	}

	/**
	 * A call that timed out may still run (a frozen store runs what queued up once it
	 * resumes), and one that failed on a broken connection may have run before it broke.
	 * Neither is a refusal.
	 */
	private void unknown(String operation, String caller, RuntimeException ex) {
		Counter.builder("election.lease.unknown")
			.tag("lease", this.name)
			.tag("operation", operation)
			.register(this.meters)
			.increment();
		logger.warn("Lease {}: the outcome of {}'s {} is unknown ({}): it may or may not have run", this.name, caller,
				operation, ex.getMessage());
	}

	/**
	 * @param holder the replica's id
	 * @return whether the holder held the lease and gave it up
	 */
	public boolean release(String holder) {
		return this.store.release(this.name, holder);
	}

	/**
	 * @return how long the current holder's lease still lives, zero if nobody holds it
	 * @throws LeaseStoreUnavailable if the store did not answer
	 */
	public Duration remaining() {
		try {
			return this.store.remaining(this.name);
		}
		catch (RuntimeException ex) {
			throw new LeaseStoreUnavailable(this.name, ex);
		}
	}

	/**
	 * @return the lease as the store holds it, if anyone holds it
	 * @throws LeaseStoreUnavailable if the store did not answer
	 */
	public Optional<LeaseTerm> current() {
		try {
			return this.store.current(this.name);
		}
		catch (RuntimeException ex) {
			throw new LeaseStoreUnavailable(this.name, ex);
		}
	}

}
