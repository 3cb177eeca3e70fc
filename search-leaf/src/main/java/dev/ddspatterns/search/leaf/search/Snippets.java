package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

import dev.ddspatterns.search.leaf.index.LeafDocuments;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Encoder;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.apache.lucene.search.highlight.WeightedSpanTerm;
import org.apache.lucene.search.highlight.WeightedSpanTermExtractor;

/**
 * A short passage of a hit's body around the matched terms, each match marked
 * {@code <b>..</b>}: Lucene's highlighter re-analyses the stored text with the query's
 * terms and phrases. The text is an HTML fragment ({@code <}, {@code >} and {@code &} are
 * escaped, quotes are not), at most about {@value #FRAGMENT_CHARS} characters of text.
 * Not thread-safe: one per request.
 */
final class Snippets {

	static final int FRAGMENT_CHARS = 160;

	private static final Encoder HTML_TEXT = (
			text) -> text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");

	private static final Pattern LEADING_PUNCTUATION = Pattern.compile("^[,.;:!?)\\]]+\\s*");

	private final Analyzer analyzer;

	private final Highlighter highlighter;

	Snippets(Analyzer analyzer, Query query) {
		this.analyzer = analyzer;
		QueryScorer scorer = new QueryScorer(query, LeafDocuments.BODY) {

			@Override
			protected WeightedSpanTermExtractor newTermExtractor(String defaultField) {
				return new MultiTermExtractor(defaultField);
			}

		};
		this.highlighter = new Highlighter(new SimpleHTMLFormatter("<b>", "</b>"), HTML_TEXT, scorer);
		this.highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, FRAGMENT_CHARS));
	}

	/**
	 * @param body a hit's stored body
	 * @return the best passage, or the start of the body when the body has no match (the
	 * hit matched on its title, or the query has no terms, like {@code *:*})
	 */
	String of(String body) {
		try {
			String best = this.highlighter.getBestFragment(this.analyzer, LeafDocuments.BODY, body);
			if (best == null) {
				return oneLine(HTML_TEXT.encodeText(opening(body)));
			}
			// A fragment starts after the previous token, often at the comma that ended
			// it.
			return LEADING_PUNCTUATION.matcher(oneLine(best)).replaceFirst("");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InvalidTokenOffsetsException ex) {
			return oneLine(HTML_TEXT.encodeText(opening(body)));
		}
	}

	/**
	 * Expands a multi-term query to the matching words of the hit's body with Lucene's
	 * top-terms rewrite, which weighs each word as scoring does: a fuzzy query's words by
	 * how close they are, never below zero. The highlighter's own expansion keeps
	 * Lucene's raw weight, which is negative for a word two edits from a one-letter one
	 * ({@code x~2} reaching {@code go}), and {@code BoostQuery} refuses it.
	 */
	private static final class MultiTermExtractor extends WeightedSpanTermExtractor {

		/**
		 * Lucene caps the size at the clause limit, as the highlighter's own expansion.
		 */
		private static final MultiTermQuery.RewriteMethod EVERY_MATCHING_WORD = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(
				Integer.MAX_VALUE);

		MultiTermExtractor(String defaultField) {
			super(defaultField);
		}

		@Override
		protected void extract(Query query, float boost, Map<String, WeightedSpanTerm> terms) throws IOException {
			if (query instanceof MultiTermQuery multiTerm && fieldNameComparator(multiTerm.getField())) {
				IndexSearcher body = new IndexSearcher(getLeafContext().reader());
				super.extract(EVERY_MATCHING_WORD.rewrite(body, multiTerm), boost, terms);
				return;
			}
			super.extract(query, boost, terms);
		}

	}

	private static String opening(String body) {
		String text = oneLine(body);
		if (text.length() <= FRAGMENT_CHARS) {
			return text;
		}
		int cut = text.lastIndexOf(' ', FRAGMENT_CHARS);
		return text.substring(0, (cut > 0) ? cut : FRAGMENT_CHARS) + " …";
	}

	private static String oneLine(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

}
