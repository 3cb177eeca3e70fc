package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BlendedTermQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;

/**
 * Expands a fuzzy query to the corpus's terms, the ones the root chose from all shards'
 * candidates, and scores them as one index over the corpus would.
 *
 * <p>
 * Lucene's default for a fuzzy query ({@code TopTermsBlendedFreqScoringRewrite}) does not
 * score each term by its own counts: it blends them ({@link BlendedTermQuery}), every
 * term scored as if it had the highest document frequency of them all and their summed
 * total frequency, so that a rare misspelling does not outscore the word that was meant.
 * This rewrite builds the same blended query, but over the corpus's expansion and with
 * each term's corpus-wide counts, so the blend is the corpus's. A term of the expansion
 * that this shard does not hold matches nothing here, and still counts in the blend.
 */
final class GlobalExpansion extends MultiTermQuery.RewriteMethod {

	private final TermExpansion expansion;

	private GlobalExpansion(TermExpansion expansion) {
		this.expansion = expansion;
	}

	/**
	 * @param corpus the corpus's expansions the root sent
	 * @return what makes a fuzzy query as the parser builds it expand to the corpus's
	 * terms; one the root sent none for stays as it is, expanded to the shard's own
	 */
	static UnaryOperator<FuzzyQuery> binding(List<TermExpansion> corpus) {
		Map<String, TermExpansion> byQuery = new HashMap<>();
		corpus.forEach((expansion) -> byQuery.putIfAbsent(expansion.query(), expansion));
		return (fuzzy) -> {
			TermExpansion expansion = byQuery.get(TermExpansion.keyOf(fuzzy));
			if (expansion == null) {
				return fuzzy;
			}
			return new FuzzyQuery(fuzzy.getTerm(), fuzzy.getMaxEdits(), fuzzy.getPrefixLength(),
					FuzzyQuery.defaultMaxExpansions, fuzzy.getTranspositions(), new GlobalExpansion(expansion));
		};
	}

	@Override
	public Query rewrite(IndexSearcher searcher, MultiTermQuery query) throws IOException {
		BlendedTermQuery.Builder blended = new BlendedTermQuery.Builder()
			.setRewriteMethod(BlendedTermQuery.BOOLEAN_REWRITE);
		for (TermExpansion.ExpandedTerm expanded : this.expansion.terms()) {
			Term term = new Term(query.getField(), expanded.term());
			// Lucene's expansion scores a term whose boost is below zero as zero, too.
			blended.add(term, Math.max(0f, expanded.boost()), corpusCounts(searcher, term, expanded));
		}
		return blended.build();
	}

	/** The shard's postings of the term, with the corpus's counts of it. */
	private static TermStates corpusCounts(IndexSearcher searcher, Term term, TermExpansion.ExpandedTerm counts)
			throws IOException {
		TermStates states = new TermStates(searcher.getTopReaderContext());
		for (LeafReaderContext segment : searcher.getIndexReader().leaves()) {
			TermsEnum terms = Terms.getTerms(segment.reader(), term.field()).iterator();
			if (terms.seekExact(term.bytes())) {
				states.register(terms.termState(), segment.ord);
			}
		}
		states.accumulateStatistics(Math.toIntExact(counts.docFreq()), counts.totalTermFreq());
		return states;
	}

}
