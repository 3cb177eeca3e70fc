package dev.ddspatterns.search.root;

import java.util.Collection;
import java.util.List;

import dev.ddspatterns.search.root.LeafMessages.LeafResult;

/**
 * Why an answer's scores may differ from those one index over the whole corpus would
 * give. The leaves decide, each for its own scores; the answer has every reason any leaf
 * gave.
 */
public enum Approximation {

	/**
	 * Scored with each shard's own statistics ({@code dfs=false}): how rare a term is and
	 * how long a field is on average differ from shard to shard.
	 */
	SHARD_STATISTICS,

	/**
	 * A fuzzy query matched each shard's closest terms rather than the corpus's, and
	 * blended their counts shard by shard.
	 */
	SHARD_EXPANSION;

	/**
	 * @param answers the leaves' answers
	 * @return every reason they gave, each once, in this enum's order
	 */
	static List<Approximation> of(Collection<LeafResult> answers) {
		return answers.stream().flatMap((answer) -> answer.approximations().stream()).distinct().sorted().toList();
	}

}
