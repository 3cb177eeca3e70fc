package dev.ddspatterns.search.leaf.search;

import java.util.List;

/**
 * A leaf's answer to a query: its best hits, and how many documents of its shard match.
 *
 * @param shard the shard that answered
 * @param hits the best hits, best first, ties by id
 * @param totalHits every matching document of the shard, counted exactly
 * @param tookMs time spent searching, in milliseconds
 * @param approximate whether the scores may differ from those of one index over the whole
 * corpus
 * @param approximations why they may differ; empty when they do not
 */
record SearchResponse(int shard, List<Hit> hits, long totalHits, long tookMs, boolean approximate,
		List<Approximation> approximations) {

	SearchResponse(int shard, List<Hit> hits, long totalHits, long tookMs, List<Approximation> approximations) {
		this(shard, hits, totalHits, tookMs, !approximations.isEmpty(), approximations);
	}

	/**
	 * One hit.
	 *
	 * @param id the document id
	 * @param title the document title
	 * @param score BM25 score, with the shard's own statistics or the global ones given
	 * @param snippet a passage of the body, matches marked {@code <b>..</b>}
	 */
	record Hit(String id, String title, float score, String snippet) {
	}

}
