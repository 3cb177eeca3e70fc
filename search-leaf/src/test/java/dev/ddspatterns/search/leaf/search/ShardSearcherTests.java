package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import dev.ddspatterns.search.leaf.TestCorpus;
import dev.ddspatterns.search.leaf.corpus.CorpusReader;
import dev.ddspatterns.search.leaf.index.LeafAnalyzer;
import dev.ddspatterns.search.leaf.index.LeafIndex;
import dev.ddspatterns.search.leaf.index.ShardAssignment;
import dev.ddspatterns.search.leaf.index.TestIndexes;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Queries in Lucene's syntax, ranked by BM25 with ties broken by id. */
class ShardSearcherTests {

	private final Analyzer analyzer = LeafAnalyzer.create();

	private final LeafIndex index = TestIndexes.loaded(CorpusReader.read(TestCorpus.directory()), this.analyzer);

	private final ShardSearcher searcher = new ShardSearcher(this.index, this.analyzer, ShardAssignment.of(0, 1));

	@AfterEach
	void close() {
		this.index.close();
		this.analyzer.close();
	}

	@Test
	void andNarrowsOrWidensAndNotExcludes() throws IOException {
		List<String> cat = ids("cat");
		List<String> dog = ids("dog");

		assertThat(ids("cat AND dog")).isNotEmpty()
			.isSubsetOf(cat)
			.isSubsetOf(dog)
			.hasSizeLessThan(Math.min(cat.size(), dog.size()));
		assertThat(ids("cat OR dog")).containsExactlyInAnyOrderElementsOf(union(cat, dog));
		assertThat(ids("cat dog")).containsExactlyInAnyOrderElementsOf(ids("cat OR dog"));
		assertThat(ids("cat NOT dog")).isNotEmpty().isSubsetOf(cat).doesNotContainAnyElementsOf(dog);
	}

	@Test
	void aPhraseNeedsItsWordsAdjacentAndInOrder() throws IOException {
		assertThat(ids("black AND cat")).containsExactlyInAnyOrder("t-002", "t-006");
		assertThat(ids("\"black cat\"")).containsExactly("t-002");
		assertThat(ids("\"cat black\"")).isEmpty();
	}

	@Test
	void wordsAreStemmedSoPluralsFindSingulars() throws IOException {
		assertThat(ids("foxes")).containsExactly("t-005");
		assertThat(ids("title:cats")).contains("t-001", "t-002", "notes/cat-and-dog.md");
	}

	@Test
	void equalScoresAreOrderedById() throws IOException {
		// Every document scores the same for *:*.
		SearchResponse all = this.searcher.search("*:*", 100, null);

		assertThat(all.hits()).extracting(SearchResponse.Hit::id).containsExactlyElementsOf(TestCorpus.IDS);
	}

	@Test
	void hitsAreBestFirstAndEveryMatchIsCounted() throws IOException {
		SearchResponse cat = this.searcher.search("cat", 3, null);

		assertThat(cat.hits()).hasSize(3);
		assertThat(cat.totalHits()).isEqualTo(ids("cat").size()).isGreaterThan(3);
		assertThat(cat.hits()).extracting(SearchResponse.Hit::score).isSortedAccordingTo((a, b) -> Float.compare(b, a));
	}

	@Test
	void snippetsMarkTheMatchedWords() throws IOException {
		SearchResponse.Hit fox = this.searcher.search("grapes", 1, null).hits().get(0);

		assertThat(fox.id()).isEqualTo("t-005");
		assertThat(fox.title()).isEqualTo("The Fox and the Grapes");
		assertThat(fox.snippet()).contains("<b>grapes</b>").hasSizeLessThanOrEqualTo(220);
	}

	@Test
	void aHitWithoutMatchInItsBodyShowsTheBodysOpening() throws IOException {
		SearchResponse.Hit hit = this.searcher.search("title:rooster", 1, null).hits().get(0);

		assertThat(hit.snippet()).startsWith("A young mouse feared").doesNotContain("<b>");
	}

	@Test
	void fuzzySnippetsMarkTheWordsThatCountTowardsTheScore() throws IOException {
		assertThat(snippet("lyon~", "t-004")).contains("<b>lion</b>");
		// "go" is two edits from the one-letter "x": Lucene weighs it 1 - 2/1, below
		// zero, and scores it as zero.
		assertThat(snippet("x~2", "t-004")).startsWith("A lion caught a mouse").doesNotContain("<b>");
	}

	@Test
	void aFuzzyQueryOfOneLetterIsAnsweredWithSnippets() throws IOException {
		// Found by ShardSearcherFuzzTests: the highlighter weights each term within two
		// edits of "a" by 1 - edits / length, -1 for a two-letter term, and Lucene
		// refuses a negative weight.
		SearchResponse answer = this.searcher.search("a~", 10, null);

		assertThat(answer.hits()).isNotEmpty().allSatisfy((hit) -> assertThat(hit.snippet()).isNotBlank());
	}

	@Test
	void aSyntaxErrorIsAnInvalidRequestWithTheParsersMessage() {
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> this.searcher.search("cat AND", 10, null))
			.satisfies((ex) -> {
				assertThat(ex.getProblemType()).isEqualTo(ProblemType.INVALID_REQUEST);
				assertThat(ex.getBody().getDetail()).startsWith("Cannot parse 'cat AND'");
			});
	}

	@Test
	void aQueryOfLucenesMostClausesIsAnsweredAndOneMoreIsAnInvalidRequest() throws IOException {
		// The root's byte limit lets through at most this many terms (SearchController).
		int most = IndexSearcher.getMaxClauseCount();

		assertThat(this.searcher.search(String.join(" ", Collections.nCopies(most, "cat")), 10, null).hits())
			.isNotEmpty();
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.searcher.search(String.join(" ", Collections.nCopies(most + 1, "cat")), 10, null))
			.satisfies((ex) -> assertThat(ex.getProblemType()).isEqualTo(ProblemType.INVALID_REQUEST));
	}

	@Test
	void searchingBeforeTheFirstLoadIsUnavailable() {
		ShardSearcher unloaded = new ShardSearcher(TestIndexes.empty(), this.analyzer, ShardAssignment.of(1, 2));

		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> unloaded.search("cat", 10, null))
			.satisfies((ex) -> assertThat(ex.getProblemType()).isEqualTo(ProblemType.UNAVAILABLE));
	}

	private String snippet(String q, String id) throws IOException {
		return this.searcher.search(q, 100, null)
			.hits()
			.stream()
			.filter((hit) -> hit.id().equals(id))
			.findFirst()
			.orElseThrow()
			.snippet();
	}

	private List<String> ids(String q) throws IOException {
		return this.searcher.search(q, 100, null).hits().stream().map(SearchResponse.Hit::id).toList();
	}

	private static List<String> union(List<String> a, List<String> b) {
		return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
	}

}
