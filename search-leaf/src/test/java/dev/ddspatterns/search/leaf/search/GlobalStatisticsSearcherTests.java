package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.ddspatterns.search.leaf.TestCorpus;
import dev.ddspatterns.search.leaf.corpus.CorpusDocument;
import dev.ddspatterns.search.leaf.corpus.CorpusReader;
import dev.ddspatterns.search.leaf.index.LeafAnalyzer;
import dev.ddspatterns.search.leaf.index.LeafIndex;
import dev.ddspatterns.search.leaf.index.ShardAssignment;
import dev.ddspatterns.search.leaf.index.TestIndexes;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distributed frequencies: leaves given the summed statistics of all leaves score every
 * document exactly as one index over the whole corpus does, and leaves on their own
 * statistics do not.
 */
class GlobalStatisticsSearcherTests {

	private static final int SHARDS = 2;

	private final Analyzer analyzer = LeafAnalyzer.create();

	private final List<CorpusDocument> corpus = CorpusReader.read(TestCorpus.directory());

	private final List<LeafIndex> indexes = new ArrayList<>();

	private final List<ShardSearcher> leaves = new ArrayList<>();

	private final ShardSearcher whole = searcher(this.corpus, ShardAssignment.of(0, 1));

	GlobalStatisticsSearcherTests() {
		for (int i = 0; i < SHARDS; i++) {
			ShardAssignment shard = ShardAssignment.of(i, SHARDS);
			this.leaves
				.add(searcher(this.corpus.stream().filter((document) -> shard.owns(document.id())).toList(), shard));
		}
	}

	@AfterEach
	void close() {
		this.indexes.forEach(LeafIndex::close);
		this.analyzer.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "cat", "cat dog mouse", "cat AND dog", "\"black cat\" OR fox", "title:cat^2 body:wolf",
			"mouse NOT cat", "lyon~", "lion lyon~", "fox~ fox", "dog~ -cat", "x~2", "title:cat~0" })
	void leavesWithGlobalStatisticsScoreLikeOneIndex(String q) throws IOException {
		SearchRequest.Statistics global = sum(q);

		Map<String, Float> distributed = new HashMap<>();
		for (ShardSearcher leaf : this.leaves) {
			SearchResponse answer = leaf.search(q, 100, global);
			assertThat(answer.approximate()).isFalse();
			distributed.putAll(scores(answer));
		}

		assertThat(distributed).isNotEmpty()
			.containsExactlyInAnyOrderEntriesOf(scores(this.whole.search(q, 100, null)));
	}

	@Test
	void aFuzzyQueryTheRootSentNoExpansionForIsExpandedOnTheShardAndSaysSo() throws IOException {
		SearchRequest.Statistics global = sum("lyon~ cat");
		SearchRequest.Statistics withoutExpansions = new SearchRequest.Statistics(global.fields(), global.terms(),
				List.of());

		SearchResponse answer = this.leaves.get(0).search("lyon~ cat", 100, withoutExpansions);

		assertThat(answer.approximations()).containsExactly(Approximation.SHARD_EXPANSION);
		assertThat(answer.approximate()).isTrue();
	}

	@Test
	void leavesOnTheirOwnStatisticsSayTheirScoresAreApproximate() throws IOException {
		ShardSearcher leaf = this.leaves.get(0);

		assertThat(leaf.search("cat", 100, null).approximations()).containsExactly(Approximation.SHARD_STATISTICS);
		assertThat(leaf.search("lyon~", 100, null).approximations()).containsExactly(Approximation.SHARD_STATISTICS,
				Approximation.SHARD_EXPANSION);
		// Every match of a prefix query scores the same, on any shard.
		assertThat(leaf.search("do*", 100, null).approximate()).isFalse();
		assertThat(this.whole.search("cat lyon~", 100, null).approximate()).isFalse();
	}

	@Test
	void leavesOnTheirOwnStatisticsScoreDifferently() throws IOException {
		Map<String, Float> local = new HashMap<>();
		for (ShardSearcher leaf : this.leaves) {
			local.putAll(scores(leaf.search("cat dog", 100, null)));
		}

		assertThat(local).isNotEqualTo(scores(this.whole.search("cat dog", 100, null)));
	}

	@Test
	void theShardsOwnStatisticsGiveTheShardsOwnScores() throws IOException {
		ShardSearcher leaf = this.leaves.get(0);
		StatsResponse own = leaf.statistics("cat dog");

		SearchResponse withOwn = leaf.search("cat dog", 100,
				new SearchRequest.Statistics(own.fields(), own.terms(), own.expansions()));

		assertThat(withOwn.hits()).isEqualTo(leaf.search("cat dog", 100, null).hits());
	}

	/**
	 * What a root does between the statistics round and the search round: sum the counts,
	 * and expand each fuzzy query to the closest of all shards' candidates.
	 */
	private SearchRequest.Statistics sum(String q) throws IOException {
		Map<String, FieldStats> fields = new LinkedHashMap<>();
		Map<List<String>, TermStats> terms = new LinkedHashMap<>();
		Map<String, Map<String, TermExpansion.ExpandedTerm>> candidates = new LinkedHashMap<>();
		Map<String, TermExpansion> expansions = new LinkedHashMap<>();
		for (ShardSearcher leaf : this.leaves) {
			StatsResponse stats = leaf.statistics(q);
			stats.fields()
				.forEach((f) -> fields.merge(f.field(), f,
						(a, b) -> new FieldStats(a.field(), a.maxDoc() + b.maxDoc(), a.docCount() + b.docCount(),
								a.sumTotalTermFreq() + b.sumTotalTermFreq(), a.sumDocFreq() + b.sumDocFreq())));
			stats.terms()
				.forEach((t) -> terms.merge(List.of(t.field(), t.term()), t, (a, b) -> new TermStats(a.field(),
						a.term(), a.docFreq() + b.docFreq(), a.totalTermFreq() + b.totalTermFreq())));
			stats.expansions().forEach((expansion) -> {
				expansions.putIfAbsent(expansion.query(), expansion);
				expansion.terms()
					.forEach((t) -> candidates.computeIfAbsent(expansion.query(), (query) -> new TreeMap<>())
						.merge(t.term(), t, (a, b) -> new TermExpansion.ExpandedTerm(a.term(), a.boost(),
								a.docFreq() + b.docFreq(), a.totalTermFreq() + b.totalTermFreq())));
			});
		}
		// The test corpus's terms are ASCII, so String order is Lucene's term order.
		List<TermExpansion> global = expansions.values()
			.stream()
			.map((expansion) -> new TermExpansion(expansion.query(), expansion.field(), expansion.maxTerms(),
					candidates.getOrDefault(expansion.query(), Map.of())
						.values()
						.stream()
						.sorted(Comparator.comparingDouble(TermExpansion.ExpandedTerm::boost).reversed())
						.limit(expansion.maxTerms())
						.toList()))
			.toList();
		return new SearchRequest.Statistics(List.copyOf(fields.values()), List.copyOf(terms.values()), global);
	}

	private static Map<String, Float> scores(SearchResponse response) {
		Map<String, Float> scores = new HashMap<>();
		response.hits().forEach((hit) -> scores.put(hit.id(), hit.score()));
		return scores;
	}

	private ShardSearcher searcher(List<CorpusDocument> documents, ShardAssignment shard) {
		LeafIndex index = TestIndexes.loaded(documents, this.analyzer);
		this.indexes.add(index);
		return new ShardSearcher(index, this.analyzer, shard);
	}

}
