package dev.ddspatterns.search.root;

import java.util.List;

import dev.ddspatterns.search.root.LeafMessages.LeafResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An answer's scores are approximate for every reason any of its leaves gave. */
class ApproximationTests {

	@Test
	void everyLeafsReasonsOnceInOrder() {
		List<LeafResult> answers = List.of(leaf(0, Approximation.SHARD_EXPANSION),
				leaf(1, Approximation.SHARD_STATISTICS, Approximation.SHARD_EXPANSION), leaf(2));

		assertThat(Approximation.of(answers)).containsExactly(Approximation.SHARD_STATISTICS,
				Approximation.SHARD_EXPANSION);
	}

	@Test
	void leavesWithoutReasonsAreExact() {
		assertThat(Approximation.of(List.of(leaf(0), leaf(1)))).isEmpty();
		assertThat(Approximation.of(List.of(new LeafResult(0, List.of(), 0, 0, null)))).isEmpty();
	}

	private static LeafResult leaf(int shard, Approximation... reasons) {
		return new LeafResult(shard, List.of(), 0, 0, List.of(reasons));
	}

}
