package dev.ddspatterns.search.leaf.index;

import java.time.Instant;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;

/**
 * One complete, immutable index of the shard, as loaded at one time. A reload builds a
 * new snapshot beside this one and swaps it in whole; a request that leased this one
 * finishes on it.
 *
 * @param searcher searches this snapshot's reader
 * @param generation 1 for the first load, one more for every reload
 * @param documents how many documents it holds
 * @param loadedAt when it was published
 */
public record IndexSnapshot(IndexSearcher searcher, long generation, int documents, Instant loadedAt) {

	public IndexReader reader() {
		return this.searcher.getIndexReader();
	}

}
