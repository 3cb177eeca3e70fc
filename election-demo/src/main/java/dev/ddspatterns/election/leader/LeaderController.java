package dev.ddspatterns.election.leader;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.ddspatterns.election.lease.LeaseStoreUnavailable;
import dev.ddspatterns.election.lease.LeaseTerm;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who leads, as the lease store says, next to what this replica believes about itself:
 * the two can differ for up to one ttl, which is the whole point of the watchdog.
 */
@RestController
class LeaderController {

	private final LeaderElection election;

	LeaderController(LeaderElection election) {
		this.election = election;
	}

	@GetMapping("/v1/leader")
	LeaderView leader() {
		Optional<LeaseTerm> term;
		try {
			term = this.election.current();
		}
		catch (LeaseStoreUnavailable ex) {
			throw new ProblemException(ProblemType.UNAVAILABLE,
					"The lease store, which holds the leader lease, cannot be reached", Map.of(), ex);
		}
		Self self = new Self(this.election.id(), this.election.mayAct(), this.election.token(), this.election.since(),
				this.election.remaining());
		return term
			.map((lease) -> new LeaderView(lease.holder(), lease.token(), lease.expiresAt(), lease.since(), self))
			.orElseGet(() -> new LeaderView(null, 0, null, null, self));
	}

	/**
	 * The leader as the lease store holds it.
	 *
	 * @param leader the leader's id, absent if nobody holds the lease
	 * @param token its term's fencing token
	 * @param leaseExpiresAt when its lease expires unless renewed
	 * @param since when its term began
	 * @param self this replica's own view
	 */
	record LeaderView(@Nullable String leader, long token, @Nullable Instant leaseExpiresAt, @Nullable Instant since,
			Self self) {

	}

	/**
	 * This replica's view of itself.
	 *
	 * @param id its id
	 * @param acting whether it acts as leader now
	 * @param token the token of its current or last term, 0 if it never led
	 * @param since when that term began
	 * @param remaining how long it may still act without a renewal
	 */
	record Self(String id, boolean acting, long token, Instant since, Duration remaining) {

	}

}
