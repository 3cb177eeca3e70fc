package dev.ddspatterns.search.leaf.index;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.ddspatterns.search.leaf.LeafApi;
import dev.ddspatterns.search.leaf.RunningLeaf;
import dev.ddspatterns.search.leaf.TestCorpus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two leaves, shard 0 and shard 1 of 2, started the way search-root starts them, serve
 * disjoint halves of the corpus that together make all of it.
 */
class ShardPartitionIntegrationTests {

	@Test
	void twoLeavesPartitionTheCorpusByRendezvousHashing() {
		try (RunningLeaf shard0 = leaf(0); RunningLeaf shard1 = leaf(1)) {
			List<String> ids0 = everyId(shard0.awaitReady());
			List<String> ids1 = everyId(shard1.awaitReady());

			assertThat(ids0).isNotEmpty().doesNotContainAnyElementsOf(ids1);
			Set<String> union = new HashSet<>(ids0);
			union.addAll(ids1);
			assertThat(union).containsExactlyInAnyOrderElementsOf(TestCorpus.IDS);
			assertThat(ids0)
				.containsExactlyElementsOf(TestCorpus.IDS.stream().filter(ShardAssignment.of(0, 2)::owns).toList());
			assertThat(ids1)
				.containsExactlyElementsOf(TestCorpus.IDS.stream().filter(ShardAssignment.of(1, 2)::owns).toList());

			LeafApi.IndexStatus status = shard1.index();
			assertThat(status.shard()).isOne();
			assertThat(status.shardCount()).isEqualTo(2);
			assertThat(status.documents()).isEqualTo(ids1.size());
		}
	}

	private static RunningLeaf leaf(int shard) {
		return RunningLeaf.start("suite.search.leaf.corpus=" + TestCorpus.directory(),
				"suite.search.leaf.shard-index=" + shard, "suite.search.leaf.shard-count=2");
	}

	/** Every document scores 1 for {@code *:*}, so they come back sorted by id. */
	private static List<String> everyId(RunningLeaf leaf) {
		LeafApi.Hits hits = leaf.search("*:*", 100);
		assertThat(hits.totalHits()).isEqualTo(hits.hits().size());
		return hits.ids();
	}

}
