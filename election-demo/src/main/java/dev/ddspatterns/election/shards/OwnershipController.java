package dev.ddspatterns.election.shards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.election.lease.LeaseStoreUnavailable;
import dev.ddspatterns.election.lease.LeaseTerm;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who owns each shard, as the shard leases in the lease store say, and what this replica
 * acts on.
 */
@RestController
class OwnershipController {

	private final ShardOwnership ownership;

	OwnershipController(ShardOwnership ownership) {
		this.ownership = ownership;
	}

	@GetMapping("/v1/ownership")
	Ownership ownership() {
		List<ShardOwner> shards = new ArrayList<>();
		try {
			for (OwnedShard shard : this.ownership.shards()) {
				LeaseTerm term = shard.current().orElse(null);
				shards.add((term != null)
						? new ShardOwner(shard.number(), term.holder(), term.token(), term.expiresAt(), term.since())
						: new ShardOwner(shard.number(), null, 0, null, null));
			}
		}
		catch (LeaseStoreUnavailable ex) {
			throw new ProblemException(ProblemType.UNAVAILABLE,
					"The lease store, which holds the shard leases, cannot be reached", Map.of(), ex);
		}
		return new Ownership(shards, this.ownership.id(), this.ownership.acting());
	}

	/**
	 * Shard ownership.
	 *
	 * @param shards every shard's owner, as the lease store says
	 * @param self this replica's id
	 * @param acting the shards this replica acts on, by its own view
	 */
	record Ownership(List<ShardOwner> shards, String self, List<Integer> acting) {

	}

	/**
	 * One shard's owner.
	 *
	 * @param shard the shard's number
	 * @param owner the replica holding its lease, absent if none
	 * @param token the fencing token of the owner's term
	 * @param leaseExpiresAt when the lease expires unless renewed
	 * @param since when the owner took the lease
	 */
	record ShardOwner(int shard, @Nullable String owner, long token, @Nullable Instant leaseExpiresAt,
			@Nullable Instant since) {

	}

}
