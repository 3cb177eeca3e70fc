package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ddspatterns.search.leaf.TestCorpus;
import dev.ddspatterns.search.leaf.corpus.CorpusReader;
import dev.ddspatterns.search.leaf.index.LeafAnalyzer;
import dev.ddspatterns.search.leaf.index.LeafIndex;
import dev.ddspatterns.search.leaf.index.ShardAssignment;
import dev.ddspatterns.search.leaf.index.TestIndexes;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.apache.lucene.analysis.Analyzer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaf's query parsing and search, as a client's {@code q} reaches them: whatever the
 * text, the leaf gives its statistics and answers with its own and with global
 * statistics, at most {@code k} hits of its corpus, best first, or it refuses the query
 * as an {@code invalid-request} (400). Any other exception would be a 500, which the root
 * takes for a failed shard. The input is the query, UTF-8.
 */
class ShardSearcherFuzzTests {

	private static final Analyzer analyzer = LeafAnalyzer.create();

	private static final LeafIndex index = TestIndexes.loaded(CorpusReader.read(TestCorpus.directory()), analyzer);

	private static final ShardSearcher searcher = new ShardSearcher(index, analyzer, ShardAssignment.of(0, 1));

	@FuzzTest
	@DictionaryEntries({ "AND", "OR", "NOT", "title:", "body:", "id:", "*:*", "~", "~2", "^2", "*", "?", "/", "\"", "(",
			")", "[", "]", "{", "}", " TO ", "+", "-", "\\", "&&", "||", "cat", "dog", "fox" })
	void aQueryIsAnsweredOrRefusedAsInvalid(byte[] input) throws IOException {
		String q = new String(input, StandardCharsets.UTF_8);
		if (q.isBlank()) {
			// The controller refuses a blank query before it gets here.
			return;
		}
		int k = 1 + q.length() % ShardSearcher.MAX_K;
		try {
			StatsResponse stats = searcher.statistics(q);
			assertIsAnAnswer(searcher.search(q, k, null), k);
			assertIsAnAnswer(searcher.search(q, k,
					new SearchRequest.Statistics(stats.fields(), stats.terms(), stats.expansions())), k);
		}
		catch (ProblemException refused) {
			assertThat(refused.getProblemType()).as(refused.getBody().getDetail())
				.isEqualTo(ProblemType.INVALID_REQUEST);
		}
	}

	private static void assertIsAnAnswer(SearchResponse answer, int k) {
		assertThat(answer.hits()).hasSizeLessThanOrEqualTo(k);
		assertThat(answer.totalHits()).isBetween((long) answer.hits().size(), (long) TestCorpus.IDS.size());
		assertThat(answer.hits()).extracting(SearchResponse.Hit::id).isSubsetOf(TestCorpus.IDS).doesNotHaveDuplicates();
		List<Float> scores = answer.hits().stream().map(SearchResponse.Hit::score).toList();
		assertThat(scores).allMatch(Float::isFinite).isSortedAccordingTo((a, b) -> Float.compare(b, a));
	}

}
