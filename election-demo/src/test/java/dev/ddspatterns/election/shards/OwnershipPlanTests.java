package dev.ddspatterns.election.shards;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnershipPlanTests {

	@Test
	void everyShardHasExactlyOneLiveOwnerAndEveryReplicaGetsSome() {
		List<String> plan = OwnershipPlan.of(List.of("a", "b", "c"), 16);
		assertThat(plan).hasSize(16).containsOnly("a", "b", "c").contains("a", "b", "c");
	}

	@Test
	void everyReplicaComputesTheSamePlanWhateverOrderItSeesTheMembersIn() {
		assertThat(OwnershipPlan.of(List.of("c", "a", "b"), 16))
			.isEqualTo(OwnershipPlan.of(List.of("a", "b", "c"), 16));
	}

	@Test
	void onlyTheShardsOfALostReplicaMove() {
		List<String> before = OwnershipPlan.of(List.of("a", "b", "c"), 16);
		List<String> after = OwnershipPlan.of(List.of("a", "c"), 16);
		Map<Integer, String> moved = new HashMap<>();
		for (int shard = 0; shard < 16; shard++) {
			if (!before.get(shard).equals(after.get(shard))) {
				moved.put(shard, before.get(shard));
			}
		}
		assertThat(moved).isNotEmpty().allSatisfy((shard, owner) -> assertThat(owner).isEqualTo("b"));
		assertThat(after).doesNotContain("b");
	}

	@Test
	void withoutLiveReplicasNobodyShouldOwnAnything() {
		assertThat(OwnershipPlan.of(List.of(), 4)).hasSize(4).containsOnlyNulls();
	}

}
