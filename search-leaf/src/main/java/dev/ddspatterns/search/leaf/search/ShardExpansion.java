package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BoostAttribute;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

/**
 * A fuzzy query's candidate terms on this shard, for the statistics round.
 *
 * <p>
 * One index expands a fuzzy query to its closest terms: every term within the edit
 * distance, ranked by Lucene's boost (closest first, equal boosts by term), the best 50
 * kept. Which 50 depends on all the terms of the corpus, so no shard can choose them
 * alone. But a term among the corpus's best 50 has fewer than 50 better terms on any
 * shard that holds it, so it is among that shard's best 50: each shard reports its best
 * 50 with their counts, and the root chooses the corpus's from their union.
 */
final class ShardExpansion {

	/**
	 * The query parser builds every fuzzy query with Lucene's default number of
	 * expansions, and Lucene never expands to more terms than a query may have clauses.
	 */
	static final int MAX_TERMS = Math.min(FuzzyQuery.defaultMaxExpansions, IndexSearcher.getMaxClauseCount());

	private static final Comparator<TermExpansion.ExpandedTerm> CLOSEST_FIRST = Comparator
		.comparingDouble(TermExpansion.ExpandedTerm::boost)
		.reversed();

	private ShardExpansion() {
	}

	static TermExpansion of(IndexReader reader, FuzzyQuery query) throws IOException {
		// Lucene's term order, the tie-break of equal boosts: unsigned bytes.
		Map<BytesRef, TermExpansion.ExpandedTerm> candidates = new TreeMap<>();
		for (LeafReaderContext segment : reader.leaves()) {
			TermsEnum matching = query.getTermsEnum(Terms.getTerms(segment.reader(), query.getField()));
			BoostAttribute closeness = matching.attributes().addAttribute(BoostAttribute.class);
			for (BytesRef term = matching.next(); term != null; term = matching.next()) {
				candidates.merge(BytesRef.deepCopyOf(term),
						new TermExpansion.ExpandedTerm(term.utf8ToString(), closeness.getBoost(), matching.docFreq(),
								matching.totalTermFreq()),
						(a, b) -> new TermExpansion.ExpandedTerm(a.term(), a.boost(), a.docFreq() + b.docFreq(),
								a.totalTermFreq() + b.totalTermFreq()));
			}
		}
		// A stable sort: equal boosts stay in term order.
		List<TermExpansion.ExpandedTerm> closest = candidates.values()
			.stream()
			.sorted(CLOSEST_FIRST)
			.limit(MAX_TERMS)
			.toList();
		return new TermExpansion(TermExpansion.keyOf(query), query.getField(), MAX_TERMS, closest);
	}

}
