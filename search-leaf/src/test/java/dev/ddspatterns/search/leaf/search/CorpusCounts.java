package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import dev.ddspatterns.search.leaf.LeafApi;
import dev.ddspatterns.search.leaf.TestCorpus;
import dev.ddspatterns.search.leaf.corpus.CorpusDocument;
import dev.ddspatterns.search.leaf.corpus.CorpusReader;
import dev.ddspatterns.search.leaf.index.LeafAnalyzer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Statistics of the test corpus counted without an index, by analysing every document, to
 * check the numbers a leaf reports.
 */
final class CorpusCounts {

	private CorpusCounts() {
	}

	/** The term's statistics counted independently: analyse every document ourselves. */
	static LeafApi.TermStats term(String field, String term) {
		List<CorpusDocument> documents = CorpusReader.read(TestCorpus.directory());
		long docFreq = documents.stream().filter((document) -> tokens(text(document, field), term) > 0).count();
		long totalTermFreq = documents.stream().mapToLong((document) -> tokens(text(document, field), term)).sum();
		return new LeafApi.TermStats(field, term, docFreq, totalTermFreq);
	}

	static long fieldLength(String field) {
		return CorpusReader.read(TestCorpus.directory())
			.stream()
			.mapToLong((document) -> tokens(text(document, field), null))
			.sum();
	}

	private static String text(CorpusDocument document, String field) {
		return field.equals("title") ? document.title() : document.body();
	}

	/** Occurrences of a term in a text, or all its tokens when the term is null. */
	private static long tokens(String text, String term) {
		try (Analyzer analyzer = LeafAnalyzer.create(); TokenStream stream = analyzer.tokenStream("any", text)) {
			CharTermAttribute token = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			long count = 0;
			while (stream.incrementToken()) {
				if (term == null || term.contentEquals(token)) {
					count++;
				}
			}
			stream.end();
			return count;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
