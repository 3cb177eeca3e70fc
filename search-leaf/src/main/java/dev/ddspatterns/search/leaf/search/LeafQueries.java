package dev.ddspatterns.search.leaf.search;

import java.util.function.UnaryOperator;

import dev.ddspatterns.search.leaf.index.LeafDocuments;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * How a leaf reads a query and orders its hits. Public so that a test can query one index
 * over the whole corpus exactly as the leaves query their shards.
 */
public final class LeafQueries {

	/**
	 * Best score first; equal scores by id, ascending. Lucene would otherwise break ties
	 * by its internal document number, which differs from leaf to leaf and from the
	 * single-index order; the id is the same everywhere, so a root merging leaves and a
	 * single index agree on the order.
	 */
	public static final Sort RANKING = new Sort(SortField.FIELD_SCORE,
			new SortField(LeafDocuments.ID, SortField.Type.STRING));

	private LeafQueries() {
	}

	/**
	 * Parses Lucene's classic query syntax over {@code title} and {@code body}, terms
	 * joined by OR unless told otherwise: {@code cat AND dog}, {@code cat NOT dog},
	 * {@code "black cat"}, {@code title:fox}, {@code *:*}.
	 * @param text the query
	 * @param analyzer the leaves' analyzer, {@code LeafAnalyzer.create()}
	 * @return the query
	 * @throws ParseException if the text is not a valid query; its message says where
	 */
	public static Query parse(String text, Analyzer analyzer) throws ParseException {
		return parse(text, analyzer, UnaryOperator.identity());
	}

	/**
	 * Parses as {@link #parse(String, Analyzer)}, each fuzzy query changed on the way:
	 * the search round expands it to the corpus's terms ({@link GlobalExpansion}).
	 * @param text the query
	 * @param analyzer the leaves' analyzer
	 * @param fuzzy what becomes of each fuzzy query the parser builds
	 * @return the query
	 * @throws ParseException if the text is not a valid query
	 */
	static Query parse(String text, Analyzer analyzer, UnaryOperator<FuzzyQuery> fuzzy) throws ParseException {
		MultiFieldQueryParser parser = new MultiFieldQueryParser(LeafDocuments.SEARCHED_FIELDS.toArray(String[]::new),
				analyzer) {

			@Override
			protected Query newFuzzyQuery(Term term, float minimumSimilarity, int prefixLength) {
				return fuzzy.apply((FuzzyQuery) super.newFuzzyQuery(term, minimumSimilarity, prefixLength));
			}

		};
		parser.setDefaultOperator(QueryParser.Operator.OR);
		return parser.parse(text);
	}

}
