package dev.ddspatterns.election;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the election demo, prefix {@code suite.election}.
 *
 * @param leaseTtl how long a lease lives without renewal: the longest a dead holder keeps
 * its successor waiting
 * @param renewInterval how often the leader renews and a follower tries to take the
 * lease; by default a third of the ttl, so a leader can miss two renewals before its
 * lease expires
 * @param tickInterval how often an owner appends a tick to its ledger
 * @param shards how many work shards are owned through their own leases
 * @param watchdog what the leader does when its lease expires under it
 * @param faults fault injection for demos and failover tests; off by default
 */
@ConfigurationProperties("suite.election")
@Validated
public record ElectionProperties(@DefaultValue("3s") @NotNull Duration leaseTtl, @Nullable Duration renewInterval,
		@DefaultValue("200ms") @NotNull Duration tickInterval, @DefaultValue("16") @Min(1) @Max(1024) int shards,
		@DefaultValue Watchdog watchdog, @DefaultValue Faults faults) {

	public ElectionProperties {
		if (renewInterval == null) {
			renewInterval = leaseTtl.dividedBy(3);
		}
		if (renewInterval.isZero() || renewInterval.isNegative() || renewInterval.compareTo(leaseTtl) >= 0) {
			throw new IllegalArgumentException("suite.election.renew-interval (" + renewInterval
					+ ") must be positive and shorter than suite.election.lease-ttl (" + leaseTtl + ")");
		}
		if (watchdog.margin() == null) {
			watchdog = new Watchdog(watchdog.exitOnExpiry(), watchdog.exitCode(), leaseTtl.dividedBy(30));
		}
		Duration spare = leaseTtl.minus(renewInterval);
		if (watchdog.margin().isNegative() || watchdog.margin().compareTo(spare) >= 0) {
			throw new IllegalArgumentException("suite.election.watchdog.margin (" + watchdog.margin()
					+ ") must be at least zero and shorter than the lease-ttl less the renew-interval (" + spare
					+ "), or the holder would stop acting before its next renewal");
		}
	}

	/**
	 * The book's watchdog.
	 *
	 * @param exitOnExpiry whether the process exits when the leader's lease expires
	 * before a renewal succeeds, so a supervisor restarts it clean instead of trusting
	 * whatever state it was in
	 * @param exitCode the exit status in that case, distinct from a crash's
	 * @param margin how long before the lease's end by its own clock the holder stops
	 * acting, for the difference between its clock and the store's; by default a
	 * thirtieth of the ttl (100 ms of 3 s); never null once bound
	 */
	public record Watchdog(@DefaultValue("false") boolean exitOnExpiry,
			@DefaultValue("75") @Min(1) @Max(255) int exitCode, @Nullable Duration margin) {

	}

	/**
	 * Fault injection.
	 *
	 * @param holdBeforeWrite how long an owner waits between deciding to write a tick
	 * (its lease was valid) and sending it: the window of the classic stale-leader bug,
	 * in which a pause lets the lease expire while the write is pending
	 */
	public record Faults(@DefaultValue("0s") Duration holdBeforeWrite) {

	}

}
