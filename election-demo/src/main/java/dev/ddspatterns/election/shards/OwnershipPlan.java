package dev.ddspatterns.election.shards;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.ddspatterns.sharding.RendezvousHashing;
import dev.ddspatterns.sharding.ShardSelector;
import org.jspecify.annotations.Nullable;

/**
 * Who <em>should</em> own each work shard: rendezvous hashing over the live replicas, so
 * every replica computes the same answer from the same member list without asking anyone,
 * and a replica joining or leaving moves only the shards it gains or loses. Who
 * <em>does</em> own a shard is its lease; a plan only tells a replica which leases to try
 * for and which to hand off.
 */
final class OwnershipPlan {

	private OwnershipPlan() {
	}

	/**
	 * @param members the live replicas' ids
	 * @param shards how many shards
	 * @return the planned owner of each shard, by shard number; all {@code null} if no
	 * replica is live
	 */
	static List<@Nullable String> of(Collection<String> members, int shards) {
		List<@Nullable String> owners = new ArrayList<>(shards);
		ShardSelector selector = members.isEmpty() ? null : RendezvousHashing.of(members);
		for (int shard = 0; shard < shards; shard++) {
			owners.add((selector != null) ? selector.nodeFor(name(shard)) : null);
		}
		return owners;
	}

	/**
	 * @param shard a shard's number
	 * @return its name, which is what gets hashed and what names its lease and ledger
	 */
	static String name(int shard) {
		return "shard-" + shard;
	}

}
