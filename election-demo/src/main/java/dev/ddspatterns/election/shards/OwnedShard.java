package dev.ddspatterns.election.shards;

import java.util.Optional;

import dev.ddspatterns.election.lease.Acquisition;
import dev.ddspatterns.election.lease.Lease;
import dev.ddspatterns.election.lease.LeaseTerm;
import dev.ddspatterns.election.lease.LeaseWatchdog;
import dev.ddspatterns.election.ledger.FencedLedger;
import dev.ddspatterns.election.ledger.TermTicks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One work shard as this replica sees it: its lease with its own fencing tokens, the
 * watchdog that says whether this replica may act on it, and the shard's fenced ledger.
 */
class OwnedShard {

	private static final Logger logger = LoggerFactory.getLogger(OwnedShard.class);

	private final int number;

	private final Lease lease;

	private final LeaseWatchdog watchdog;

	private final FencedLedger ledger;

	private final TermTicks ticks;

	private volatile long token;

	OwnedShard(int number, Lease lease, LeaseWatchdog watchdog, FencedLedger ledger) {
		this.number = number;
		this.lease = lease;
		this.watchdog = watchdog;
		this.ledger = ledger;
		this.ticks = new TermTicks(lease.name());
	}

	int number() {
		return this.number;
	}

	/**
	 * Renews the shard's lease if this replica holds it and it has not expired.
	 * @param id this replica's id
	 */
	void renew(String id) {
		if (!this.watchdog.holding() || this.watchdog.expired()) {
			return;
		}
		long sent = this.watchdog.stamp();
		switch (this.lease.renew(id)) {
			case RENEWED -> this.watchdog.confirmed(sent);
			case REFUSED -> {
				this.watchdog.stop();
				logger.warn("{} lost shard {} of token {}: the lease was gone", id, this.number, this.token);
			}
			case UNKNOWN -> {
				// Valid until the last confirmed renewal's deadline: the watchdog's call.
			}
		}
	}

	/**
	 * Claims the shard if the plan gives it to this replica, hands it off if the plan
	 * gives it to another.
	 * @param id this replica's id
	 * @param planned whether the plan says this replica should own the shard
	 */
	void follow(String id, boolean planned) {
		if (planned && !this.watchdog.holding()) {
			claim(id);
		}
		else if (!planned) {
			handOff(id);
		}
	}

	private void claim(String id) {
		long sent = this.watchdog.stamp();
		if (this.lease.acquire(id, this.token) instanceof Acquisition.Won won) {
			// The token first: the moment the watchdog says "act", the ticks read it.
			this.token = won.token();
			this.watchdog.confirmed(sent);
			logger.info("{} owns shard {} with fencing token {}", id, this.number, won.token());
		}
	}

	/**
	 * Stops acting on the shard, then releases its lease so the planned owner can take it
	 * at once. In that order: once the lease is released, the next owner may write.
	 * @param id this replica's id
	 */
	void handOff(String id) {
		if (this.watchdog.holding()) {
			this.watchdog.stop();
			this.lease.release(id);
			logger.info("{} handed off shard {} of token {}", id, this.number, this.token);
		}
	}

	/** Forgets the lease if it has expired by this replica's clock. */
	void checkExpiry() {
		if (this.watchdog.expired()) {
			this.watchdog.stop();
			logger.warn("Shard {} of token {} expired before a renewal succeeded", this.number, this.token);
		}
	}

	/**
	 * Does the owner's work: appends one tick to the shard's ledger, if it may act.
	 * @param id this replica's id
	 */
	void tick(String id) {
		if (this.watchdog.mayAct()) {
			long token = this.token;
			this.ticks.write(token, (tick) -> this.ledger.append(id, token, tick));
		}
	}

	boolean mayAct() {
		return this.watchdog.mayAct();
	}

	long token() {
		return this.token;
	}

	Optional<LeaseTerm> current() {
		return this.lease.current();
	}

}
