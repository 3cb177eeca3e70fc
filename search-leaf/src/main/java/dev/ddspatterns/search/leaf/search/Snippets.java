package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

import dev.ddspatterns.search.leaf.index.LeafDocuments;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Encoder;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;

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
		QueryScorer scorer = new QueryScorer(query, LeafDocuments.BODY);
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
		catch (InvalidTokenOffsetsException | IllegalArgumentException ex) {
			// IllegalArgumentException: the highlighter weights a fuzzy query's terms by
			// 1 - edits / length, below zero for a term shorter than its edits ("a~"
			// meets
			// "ox"), and Lucene refuses a negative weight. The search itself scored them;
			// only the marks are lost.
			return oneLine(HTML_TEXT.encodeText(opening(body)));
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
