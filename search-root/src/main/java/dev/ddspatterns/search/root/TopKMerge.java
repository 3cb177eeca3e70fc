package dev.ddspatterns.search.root;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import dev.ddspatterns.search.root.LeafMessages.LeafHit;
import dev.ddspatterns.search.root.LeafMessages.LeafResult;

/**
 * The gather step: a k-way merge of the leaves' top-k lists, each already sorted best
 * first, into one top-k list. Order is score descending, then id ascending, the same
 * tie-break every leaf uses, so the merged list is exactly the top-k of one big index.
 */
final class TopKMerge {

	static final Comparator<Hit> ORDER = Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::id);

	private TopKMerge() {
	}

	static List<Hit> merge(List<LeafResult> results, int k) {
		PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.comparing(Cursor::current, ORDER));
		for (LeafResult result : results) {
			if (!result.hits().isEmpty()) {
				heads.add(new Cursor(result, 0));
			}
		}
		List<Hit> merged = new ArrayList<>(k);
		while (merged.size() < k && !heads.isEmpty()) {
			Cursor best = heads.poll();
			merged.add(best.current());
			if (best.index() + 1 < best.result().hits().size()) {
				heads.add(new Cursor(best.result(), best.index() + 1));
			}
		}
		return merged;
	}

	/**
	 * A hit in the merged answer.
	 *
	 * @param id document id
	 * @param title document title
	 * @param score relevance score
	 * @param snippet the matching passage
	 * @param shard the shard that found it
	 */
	record Hit(String id, String title, double score, String snippet, int shard) {
	}

	private record Cursor(LeafResult result, int index) {

		Hit current() {
			LeafHit hit = this.result.hits().get(this.index);
			return new Hit(hit.id(), hit.title(), hit.score(), hit.snippet(), this.result.shard());
		}

	}

}
