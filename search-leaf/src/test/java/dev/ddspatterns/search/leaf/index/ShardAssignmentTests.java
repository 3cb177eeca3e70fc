package dev.ddspatterns.search.leaf.index;

import java.util.List;
import java.util.stream.IntStream;

import dev.ddspatterns.sharding.RendezvousHashing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Leaves that each decide alone still split the corpus into a partition. */
class ShardAssignmentTests {

	private static final List<String> IDS = IntStream.range(0, 1000).mapToObj((i) -> "doc-" + i).toList();

	@Test
	void everyDocumentBelongsToExactlyOneShard() {
		List<ShardAssignment> shards = IntStream.range(0, 3).mapToObj((i) -> ShardAssignment.of(i, 3)).toList();

		for (String id : IDS) {
			assertThat(shards.stream().filter((shard) -> shard.owns(id))).as(id).hasSize(1);
		}
		assertThat(shards).allSatisfy((shard) -> assertThat(IDS.stream().filter(shard::owns)).hasSizeBetween(280, 390));
	}

	@Test
	void theShardIsTheRendezvousWinnerAmongShardNodes() {
		RendezvousHashing rendezvous = RendezvousHashing.of("shard-0", "shard-1", "shard-2", "shard-3");

		for (String id : IDS) {
			String winner = rendezvous.nodeFor(id);
			assertThat(ShardAssignment.of(Integer.parseInt(winner.substring("shard-".length())), 4).owns(id)).isTrue();
		}
	}

	@Test
	void aSingleShardOwnsEverything() {
		assertThat(IDS).allMatch(ShardAssignment.of(0, 1)::owns);
	}

	@Test
	void shardsOutsideTheCountDoNotExist() {
		assertThatIllegalArgumentException().isThrownBy(() -> ShardAssignment.of(2, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> ShardAssignment.of(-1, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> ShardAssignment.of(0, 0));
	}

}
