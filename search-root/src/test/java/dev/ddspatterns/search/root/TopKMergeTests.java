package dev.ddspatterns.search.root;

import java.util.List;

import dev.ddspatterns.search.root.LeafMessages.LeafHit;
import dev.ddspatterns.search.root.LeafMessages.LeafResult;
import dev.ddspatterns.search.root.TopKMerge.Hit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gather step on hand-made leaf answers: order, ties, k and the shard of each hit.
 */
class TopKMergeTests {

	@Test
	void mergesSortedListsIntoTheBestKOverAllShards() {
		LeafResult shard0 = result(0, hit("a", 9.0), hit("c", 5.0), hit("e", 1.0));
		LeafResult shard1 = result(1, hit("b", 7.0), hit("d", 3.0));
		List<Hit> merged = TopKMerge.merge(List.of(shard0, shard1), 4);
		assertThat(merged).extracting(Hit::id).containsExactly("a", "b", "c", "d");
		assertThat(merged).extracting(Hit::shard).containsExactly(0, 1, 0, 1);
	}

	@Test
	void equalScoresAreOrderedByIdAsEveryLeafOrdersThem() {
		LeafResult shard0 = result(0, hit("m", 2.0), hit("z", 2.0));
		LeafResult shard1 = result(1, hit("b", 2.0), hit("n", 2.0));
		assertThat(TopKMerge.merge(List.of(shard0, shard1), 10)).extracting(Hit::id)
			.containsExactly("b", "m", "n", "z");
	}

	@Test
	void fewerHitsThanKAndEmptyShardsGiveWhatThereIs() {
		LeafResult empty = result(0);
		LeafResult one = result(1, hit("x", 1.5));
		assertThat(TopKMerge.merge(List.of(empty, one), 10)).containsExactly(new Hit("x", "title x", 1.5, "…x…", 1));
		assertThat(TopKMerge.merge(List.of(), 10)).isEmpty();
	}

	private static LeafResult result(int shard, LeafHit... hits) {
		return new LeafResult(shard, List.of(hits), hits.length, 0, List.of());
	}

	private static LeafHit hit(String id, double score) {
		return new LeafHit(id, "title " + id, score, "…" + id + "…");
	}

}
