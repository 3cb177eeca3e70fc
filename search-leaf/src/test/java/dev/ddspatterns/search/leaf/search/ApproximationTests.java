package dev.ddspatterns.search.leaf.search;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.ddspatterns.search.leaf.index.LeafAnalyzer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.FuzzyQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a leaf's scores are those of one index over the whole corpus, and when not. */
class ApproximationTests {

	private static final int SHARDS = 4;

	private final Analyzer analyzer = LeafAnalyzer.create();

	@AfterEach
	void close() {
		this.analyzer.close();
	}

	@Test
	void oneShardIsTheWholeCorpus() throws ParseException {
		assertThat(Approximation.of(1, false, terms("cat lion~", UnaryOperator.identity()))).isEmpty();
	}

	@Test
	void termsScoredWithTheShardsStatisticsAreApproximate() throws ParseException {
		for (String q : List.of("cat", "\"black cat\"", "title:cat^2 -dog", "*:* OR dog")) {
			assertThat(Approximation.of(SHARDS, false, terms(q, UnaryOperator.identity()))).as(q)
				.containsExactly(Approximation.SHARD_STATISTICS);
			assertThat(Approximation.of(SHARDS, true, terms(q, UnaryOperator.identity()))).as(q).isEmpty();
		}
	}

	@Test
	void queriesThatScoreEveryMatchAlikeAreExactOnAnyStatistics() throws ParseException {
		for (String q : List.of("*:*", "wol*", "l?on", "/wol[fv].*/", "[lamb TO lion]", "title:f* -cat")) {
			assertThat(Approximation.of(SHARDS, false, terms(q, UnaryOperator.identity()))).as(q).isEmpty();
		}
	}

	@Test
	void aFuzzyQueryIsExactOnlyWithTheCorpussExpansion() throws ParseException {
		TermExpansion body = new TermExpansion("body:lion~2", "body", 50, List.of());
		TermExpansion title = new TermExpansion("title:lion~2", "title", 50, List.of());

		assertThat(Approximation.of(SHARDS, false, terms("lion~", UnaryOperator.identity())))
			.containsExactly(Approximation.SHARD_STATISTICS, Approximation.SHARD_EXPANSION);
		assertThat(Approximation.of(SHARDS, true, terms("lion~", expandedTo(body, title)))).isEmpty();
		assertThat(Approximation.of(SHARDS, true, terms("lion~", expandedTo(body))))
			.containsExactly(Approximation.SHARD_EXPANSION);
		// Also where it only excludes documents: which ones depends on its expansion.
		assertThat(Approximation.of(SHARDS, true, terms("mouse -lion~0", UnaryOperator.identity())))
			.containsExactly(Approximation.SHARD_EXPANSION);
		assertThat(Approximation.of(SHARDS, false, terms("wol* -lion~", UnaryOperator.identity())))
			.containsExactly(Approximation.SHARD_EXPANSION);
	}

	private QueryTerms terms(String q, UnaryOperator<FuzzyQuery> fuzzy) throws ParseException {
		return QueryTerms.of(LeafQueries.parse(q, this.analyzer, fuzzy));
	}

	private static UnaryOperator<FuzzyQuery> expandedTo(TermExpansion... expansions) {
		return GlobalExpansion.binding(List.of(expansions));
	}

}
