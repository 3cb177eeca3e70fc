package dev.ddspatterns.search.root;

import java.util.List;
import java.util.stream.IntStream;

import dev.ddspatterns.search.root.LeafMessages.ExpandedTerm;
import dev.ddspatterns.search.root.LeafMessages.Statistics;
import dev.ddspatterns.search.root.LeafMessages.TermExpansion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus's expansion of a fuzzy query: the closest of all shards' candidates, ranked
 * as Lucene ranks one index's terms, with the counts summed.
 */
class ExpansionMergeTests {

	private static final String QUERY = "body:cat~2";

	@Test
	void theClosestTermsOfAllShardsAreKeptWithTheirCountsSummed() {
		Statistics shard0 = shard(3, term("cat", 1f, 5), term("cart", 0.75f, 2), term("bat", 0.6666667f, 1));
		Statistics shard1 = shard(3, term("cat", 1f, 2), term("cast", 0.75f, 1), term("cot", 0.6666667f, 4));

		List<TermExpansion> corpus = ExpansionMerge.merge(List.of(shard0, shard1));

		// "bat" and "cot" are as close; "bat" comes first in term order and is kept.
		assertThat(corpus).containsExactly(new TermExpansion(QUERY, "body", 3,
				List.of(new ExpandedTerm("cat", 1f, 7, 14), term("cart", 0.75f, 2), term("cast", 0.75f, 1))));
	}

	@Test
	void aShardsClosestTermsCanLoseToAnotherShards() {
		// Each shard alone would keep its own best 50; together, shard 1's are closer.
		List<ExpandedTerm> far = IntStream.range(0, 50).mapToObj((i) -> term("far" + i, 0.25f, 1)).toList();
		List<ExpandedTerm> near = IntStream.range(0, 50).mapToObj((i) -> term("near" + i, 0.5f, 1)).toList();

		List<TermExpansion> corpus = ExpansionMerge
			.merge(List.of(shard(50, far.toArray(ExpandedTerm[]::new)), shard(50, near.toArray(ExpandedTerm[]::new))));

		assertThat(corpus).singleElement()
			.satisfies((expansion) -> assertThat(expansion.terms()).hasSize(50)
				.allSatisfy((term) -> assertThat(term.term()).startsWith("near")));
	}

	@Test
	void equalBoostsAreOrderedByTheTermsUtf8BytesAsLuceneOrdersTerms() {
		// U+FF41 (fullwidth a) is one UTF-16 unit, U+1D41A (mathematical bold a) two
		// surrogates that sort before it as chars, but after it as UTF-8 bytes and code
		// points.
		Statistics shard = shard(1, term("\uD835\uDC1A", 0.5f, 1), term("\uFF41", 0.5f, 1));

		assertThat(ExpansionMerge.merge(List.of(shard))).singleElement()
			.satisfies((expansion) -> assertThat(expansion.terms()).extracting(ExpandedTerm::term)
				.containsExactly("\uFF41"));
	}

	@Test
	void aFuzzyQueryWithoutCandidatesAnywhereExpandsToNothing() {
		assertThat(ExpansionMerge.merge(List.of(shard(50), shard(50))))
			.containsExactly(new TermExpansion(QUERY, "body", 50, List.of()));
	}

	@Test
	void fuzzyQueriesAreKeptApartAndOrderedByQuery() {
		Statistics shard = new Statistics(List.of(), List.of(),
				List.of(new TermExpansion("title:cat~2", "title", 50, List.of(term("cat", 1f, 1))),
						new TermExpansion(QUERY, "body", 50, List.of(term("cat", 1f, 9)))));

		assertThat(ExpansionMerge.merge(List.of(shard))).extracting(TermExpansion::query)
			.containsExactly(QUERY, "title:cat~2");
	}

	private static Statistics shard(int maxTerms, ExpandedTerm... candidates) {
		return new Statistics(List.of(), List.of(),
				List.of(new TermExpansion(QUERY, "body", maxTerms, List.of(candidates))));
	}

	/** A term whose total frequency is twice its document frequency. */
	private static ExpandedTerm term(String term, float boost, long docFreq) {
		return new ExpandedTerm(term, boost, docFreq, 2 * docFreq);
	}

}
