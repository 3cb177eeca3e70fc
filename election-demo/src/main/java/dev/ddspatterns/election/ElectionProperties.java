package dev.ddspatterns.election;

import java.time.Duration;
import java.util.List;

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
 * @param store where the leases live; the ledgers and the members stay in Redis
 * @param etcd how to reach etcd, when it holds the leases
 */
@ConfigurationProperties("suite.election")
@Validated
public record ElectionProperties(@DefaultValue("3s") @NotNull Duration leaseTtl, @Nullable Duration renewInterval,
		@DefaultValue("200ms") @NotNull Duration tickInterval, @DefaultValue("16") @Min(1) @Max(1024) int shards,
		@DefaultValue Watchdog watchdog, @DefaultValue Faults faults, @DefaultValue("redis") Store store,
		@DefaultValue Etcd etcd) {

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
		if (store == Store.ETCD && leaseTtl.toMillis() % 1000 != 0) {
			throw new IllegalArgumentException("suite.election.lease-ttl (" + leaseTtl
					+ ") must be whole seconds with suite.election.store=etcd: etcd counts lease ttls in seconds");
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

	/** Where the leases live. */
	public enum Store {

		/** One Redis, a Lua script per operation, tokens from its counter and clock. */
		REDIS,

		/** An etcd cluster, transactions on revisions, tokens from etcd's revision. */
		ETCD

	}

	/**
	 * The etcd cluster.
	 *
	 * @param endpoints its members' client URLs
	 * @param timeout how long a call may take before its outcome counts as unknown; well
	 * inside one renewal interval, as Redis's is
	 */
	public record Etcd(@DefaultValue("http://localhost:2379") List<String> endpoints,
			@DefaultValue("500ms") Duration timeout) {

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
