package dev.ddspatterns.search.leaf.search;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Why a leaf's scores may differ from those one index over the whole corpus would give.
 * An answer with none is exact: the same scores, hence the same order, as one index.
 */
enum Approximation {

	/**
	 * Scored with this shard's statistics ({@code dfs=false}): how rare a term is and how
	 * long a field is on average differ from shard to shard.
	 */
	SHARD_STATISTICS,

	/**
	 * A fuzzy query matched this shard's closest terms rather than the corpus's, and
	 * blended their counts on this shard alone.
	 */
	SHARD_EXPANSION;

	/**
	 * @param shardCount how many shards the corpus is split into
	 * @param globalStatistics whether the query was scored with the corpus's statistics
	 * @param query what of the query is scored with statistics
	 * @return why the scores may differ from one index's, in this enum's order; none if
	 * they do not
	 */
	static List<Approximation> of(int shardCount, boolean globalStatistics, QueryTerms query) {
		Set<Approximation> reasons = EnumSet.noneOf(Approximation.class);
		if (shardCount == 1) {
			// The shard is the corpus.
			return List.of();
		}
		if (!globalStatistics && query.scoresWithStatistics()) {
			reasons.add(SHARD_STATISTICS);
		}
		if (query.expandsOnTheShard()) {
			reasons.add(SHARD_EXPANSION);
		}
		return List.copyOf(reasons);
	}

}
