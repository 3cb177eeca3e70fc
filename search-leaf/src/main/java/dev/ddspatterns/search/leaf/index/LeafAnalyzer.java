package dev.ddspatterns.search.leaf.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * The analyzer of every leaf, for indexing and for queries alike: Lucene's
 * {@link EnglishAnalyzer} (standard tokenizer, lower case, English stop words removed,
 * Porter stemming), so {@code foxes} finds {@code fox}.
 *
 * <p>
 * Scores are comparable across leaves, and with one index over the whole corpus, only if
 * every index and every query is analysed the same way; hence one factory that everyone
 * calls rather than an analyzer configured in several places.
 */
public final class LeafAnalyzer {

	private LeafAnalyzer() {
	}

	/**
	 * @return a new analyzer; thread-safe, to be closed when no longer used
	 */
	public static Analyzer create() {
		return new EnglishAnalyzer();
	}

}
