package dev.ddspatterns.search.root;

import java.util.List;

import dev.ddspatterns.search.root.LeafMessages.ExpandedTerm;
import dev.ddspatterns.search.root.LeafMessages.FieldStats;
import dev.ddspatterns.search.root.LeafMessages.Statistics;
import dev.ddspatterns.search.root.LeafMessages.TermExpansion;
import dev.ddspatterns.search.root.LeafMessages.TermStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Summing shards' statistics gives the counts of one index over all their documents. */
class StatisticsMergeTests {

	@Test
	void countsOfTheSameFieldAndTermAreSummed() {
		Statistics shard0 = new Statistics(List.of(new FieldStats("body", 10, 9, 1000, 400)),
				List.of(new TermStats("body", "wolf", 3, 7)), List.of());
		Statistics shard1 = new Statistics(List.of(new FieldStats("body", 20, 18, 3000, 900)),
				List.of(new TermStats("body", "wolf", 1, 2)), List.of());
		Statistics sum = StatisticsMerge.sum(List.of(shard0, shard1));
		assertThat(sum.fields()).containsExactly(new FieldStats("body", 30, 27, 4000, 1300));
		assertThat(sum.terms()).containsExactly(new TermStats("body", "wolf", 4, 9));
	}

	@Test
	void aTermInAnotherFieldOrOnOneShardOnlyStaysItsOwn() {
		Statistics shard0 = new Statistics(List.of(new FieldStats("body", 10, 10, 100, 50)),
				List.of(new TermStats("body", "wolf", 3, 7), new TermStats("title", "wolf", 1, 1)), List.of());
		Statistics shard1 = new Statistics(List.of(new FieldStats("title", 20, 20, 60, 40)),
				List.of(new TermStats("body", "lamb", 2, 2)), List.of());
		Statistics sum = StatisticsMerge.sum(List.of(shard0, shard1));
		assertThat(sum.fields()).containsExactly(new FieldStats("body", 10, 10, 100, 50),
				new FieldStats("title", 20, 20, 60, 40));
		assertThat(sum.terms()).containsExactly(new TermStats("body", "lamb", 2, 2),
				new TermStats("body", "wolf", 3, 7), new TermStats("title", "wolf", 1, 1));
	}

	@Test
	void noShardsAreNoStatistics() {
		assertThat(StatisticsMerge.sum(List.of())).isEqualTo(new Statistics(List.of(), List.of(), List.of()));
	}

	@Test
	void aLeafThatSendsNoExpansionsSendsNone() {
		Statistics older = new Statistics(List.of(new FieldStats("body", 10, 9, 1000, 400)), List.of(), null);

		assertThat(StatisticsMerge.sum(List.of(older)).expansions()).isEmpty();
	}

	@Test
	void fuzzyQueriesAreExpandedOverAllShards() {
		Statistics shard0 = new Statistics(List.of(), List.of(),
				List.of(new TermExpansion("body:lion~2", "body", 50, List.of(new ExpandedTerm("lion", 1f, 3, 4)))));
		Statistics shard1 = new Statistics(List.of(), List.of(),
				List.of(new TermExpansion("body:lion~2", "body", 50, List.of(new ExpandedTerm("lion", 1f, 1, 1)))));

		assertThat(StatisticsMerge.sum(List.of(shard0, shard1)).expansions())
			.containsExactly(new TermExpansion("body:lion~2", "body", 50, List.of(new ExpandedTerm("lion", 1f, 4, 5))));
	}

}
