package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shard's candidates for a fuzzy query are the terms Lucene would expand it to on that
 * shard, ranked closest first, equal closeness by term, with their counts.
 */
class ShardExpansionTests {

	private static final String FIELD = "body";

	/**
	 * "cat" and 78 terms one edit from it: "caa".."caz", "cat" with its middle letter
	 * changed, and its first; more than one query expands to.
	 */
	private static final List<String> ONE_EDIT_FROM_CAT = IntStream.rangeClosed('a', 'z')
		.mapToObj((letter) -> List.of("ca" + (char) letter, "c" + (char) letter + "t", (char) letter + "at"))
		.flatMap(List::stream)
		.distinct()
		.toList();

	private final ByteBuffersDirectory directory = new ByteBuffersDirectory();

	private DirectoryReader reader;

	@AfterEach
	void close() throws IOException {
		this.reader.close();
		this.directory.close();
	}

	@Test
	void theClosestTermsComeFirstAndEqualOnesInTermOrder() throws IOException {
		index(List.of(List.of("cat", "cat", "cart"), List.of("cat", "cast dot")));

		TermExpansion expansion = ShardExpansion.of(this.reader, fuzzy("cat", 2));

		assertThat(expansion.query()).isEqualTo("body:cat~2");
		assertThat(expansion.field()).isEqualTo(FIELD);
		// One edit from a three-letter word weighs 1 - 1/3, two edits 1 - 2/3.
		assertThat(expansion.terms()).containsExactly(new TermExpansion.ExpandedTerm("cat", 1f, 3, 3),
				new TermExpansion.ExpandedTerm("cart", 1 - 1f / 3, 1, 1),
				new TermExpansion.ExpandedTerm("cast", 1 - 1f / 3, 1, 1),
				new TermExpansion.ExpandedTerm("dot", 1 - 2f / 3, 1, 1));
	}

	@Test
	void countsAreSummedOverTheIndexsSegments() throws IOException {
		index(List.of(List.of("cat cat", "cat"), List.of("cat", "dot")));

		assertThat(this.reader.leaves()).hasSize(2);
		assertThat(ShardExpansion.of(this.reader, fuzzy("cat", 0)).terms())
			.containsExactly(new TermExpansion.ExpandedTerm("cat", 1f, 3, 4));
	}

	@Test
	void theCandidatesAreTheTermsLuceneExpandsToAndNoMore() throws IOException {
		index(List.of(ONE_EDIT_FROM_CAT.subList(0, 40), ONE_EDIT_FROM_CAT.subList(40, ONE_EDIT_FROM_CAT.size())));
		FuzzyQuery query = fuzzy("cat", 1);

		TermExpansion expansion = ShardExpansion.of(this.reader, query);

		assertThat(ONE_EDIT_FROM_CAT).hasSizeGreaterThan(FuzzyQuery.defaultMaxExpansions);
		assertThat(expansion.maxTerms()).isEqualTo(FuzzyQuery.defaultMaxExpansions);
		assertThat(expansion.terms()).hasSize(FuzzyQuery.defaultMaxExpansions);
		assertThat(expansion.terms().get(0).term()).isEqualTo("cat");
		Set<Term> lucenes = new HashSet<>();
		new IndexSearcher(this.reader).rewrite(query).visit(QueryVisitor.termCollector(lucenes));
		assertThat(expansion.terms()).extracting((term) -> new Term(FIELD, term.term()))
			.containsExactlyInAnyOrderElementsOf(lucenes);
	}

	private static FuzzyQuery fuzzy(String text, int edits) {
		return new FuzzyQuery(new Term(FIELD, text), edits);
	}

	/** One segment per list, one document per string. */
	private void index(List<List<String>> segments) throws IOException {
		try (IndexWriter writer = new IndexWriter(this.directory, new IndexWriterConfig(new WhitespaceAnalyzer())
			.setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE))) {
			for (List<String> segment : segments) {
				for (String text : segment) {
					Document document = new Document();
					document.add(new TextField(FIELD, text, Field.Store.NO));
					writer.addDocument(document);
				}
				writer.commit();
			}
		}
		this.reader = DirectoryReader.open(this.directory);
	}

}
