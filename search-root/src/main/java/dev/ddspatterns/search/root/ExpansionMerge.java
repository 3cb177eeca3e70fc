package dev.ddspatterns.search.root;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.ddspatterns.search.root.LeafMessages.ExpandedTerm;
import dev.ddspatterns.search.root.LeafMessages.Statistics;
import dev.ddspatterns.search.root.LeafMessages.TermExpansion;

/**
 * The corpus's expansion of each fuzzy query, chosen from the shards' candidates.
 *
 * <p>
 * One index expands a fuzzy query ({@code lion~}) to the 50 terms closest to it: ranked
 * by Lucene's boost, which falls with each edit, equal boosts in term order. Which 50
 * depends on every term of the corpus, so a shard alone would choose others, and also
 * blend others' counts into each term's weight. But a term among the corpus's best 50 has
 * fewer than 50 better terms on any shard that holds it, so it is among that shard's own
 * best 50: from the union of what every shard reports, ranked the same way, the best 50
 * are exactly the corpus's. Their counts are summed over the shards, as
 * {@link StatisticsMerge} sums every other term's.
 */
final class ExpansionMerge {

	/** Lucene's order of terms: by their UTF-8 bytes, unsigned. */
	private static final Comparator<String> TERM_ORDER = (a, b) -> Arrays
		.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

	/** Lucene's ranking of a fuzzy query's terms: closest first, then by term. */
	private static final Comparator<ExpandedTerm> CLOSEST_FIRST = Comparator.comparingDouble(ExpandedTerm::boost)
		.reversed()
		.thenComparing(ExpandedTerm::term, TERM_ORDER);

	private ExpansionMerge() {
	}

	/**
	 * @param perShard each shard's statistics, with its candidates for each fuzzy query
	 * @return for each fuzzy query, by query, the corpus's closest terms, closest first,
	 * with their counts over all the shards
	 */
	static List<TermExpansion> merge(Collection<Statistics> perShard) {
		Map<String, List<TermExpansion>> byQuery = new TreeMap<>();
		for (Statistics shard : perShard) {
			for (TermExpansion expansion : shard.expansions()) {
				byQuery.computeIfAbsent(expansion.query(), (query) -> new ArrayList<>()).add(expansion);
			}
		}
		return byQuery.values().stream().map(ExpansionMerge::corpus).toList();
	}

	private static TermExpansion corpus(List<TermExpansion> shards) {
		Map<String, ExpandedTerm> candidates = new LinkedHashMap<>();
		for (TermExpansion shard : shards) {
			for (ExpandedTerm term : shard.terms()) {
				// A term is as close to the query on every shard: the boost is the same.
				candidates.merge(term.term(), term, (a, b) -> new ExpandedTerm(a.term(), a.boost(),
						a.docFreq() + b.docFreq(), a.totalTermFreq() + b.totalTermFreq()));
			}
		}
		int maxTerms = shards.stream().mapToInt(TermExpansion::maxTerms).min().orElseThrow();
		List<ExpandedTerm> closest = candidates.values().stream().sorted(CLOSEST_FIRST).limit(maxTerms).toList();
		TermExpansion any = shards.get(0);
		return new TermExpansion(any.query(), any.field(), maxTerms, closest);
	}

}
