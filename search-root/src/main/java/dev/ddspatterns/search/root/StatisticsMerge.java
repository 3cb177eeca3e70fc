package dev.ddspatterns.search.root;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.ddspatterns.search.root.LeafMessages.FieldStats;
import dev.ddspatterns.search.root.LeafMessages.Statistics;
import dev.ddspatterns.search.root.LeafMessages.TermStats;

/**
 * Distributed frequency statistics: the first phase of a "DFS query then fetch" search.
 *
 * <p>
 * A score such as BM25 depends on how rare a term is in the whole collection (its
 * document frequency) and on the average field length. Each leaf only knows its own
 * shard, so a rare word on one shard scores higher there than the same word on another,
 * and merged top-k lists compare apples with pears. Summing every shard's counts gives
 * exactly the numbers one index over the whole corpus would have; the leaves then score
 * with those. A fuzzy query's terms are chosen from all shards' candidates
 * ({@link ExpansionMerge}).
 */
final class StatisticsMerge {

	private StatisticsMerge() {
	}

	static Statistics sum(Collection<Statistics> perShard) {
		Map<String, FieldStats> fields = new TreeMap<>();
		Map<String, TermStats> terms = new TreeMap<>();
		for (Statistics shard : perShard) {
			for (FieldStats field : shard.fields()) {
				fields.merge(field.field(), field,
						(a, b) -> new FieldStats(a.field(), a.maxDoc() + b.maxDoc(), a.docCount() + b.docCount(),
								a.sumTotalTermFreq() + b.sumTotalTermFreq(), a.sumDocFreq() + b.sumDocFreq()));
			}
			for (TermStats term : shard.terms()) {
				terms.merge(term.field() + '\u0000' + term.term(), term, (a, b) -> new TermStats(a.field(), a.term(),
						a.docFreq() + b.docFreq(), a.totalTermFreq() + b.totalTermFreq()));
			}
		}
		return new Statistics(List.copyOf(fields.values()), List.copyOf(terms.values()),
				ExpansionMerge.merge(perShard));
	}

}
