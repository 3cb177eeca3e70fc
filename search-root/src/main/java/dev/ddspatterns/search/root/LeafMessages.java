package dev.ddspatterns.search.root;

import java.util.List;

/**
 * The leaves' wire format as the root reads it. The root keeps its own copy rather than
 * sharing classes with search-leaf, so either can be deployed without the other;
 * {@code ScatterGatherIntegrationTests} runs both together and catches drift.
 */
final class LeafMessages {

	private LeafMessages() {
	}

	/**
	 * A leaf's answer.
	 *
	 * @param shard the shard that answered
	 * @param hits its top hits, best first
	 * @param totalHits how many of its documents match
	 * @param tookMs the leaf's own time
	 */
	record LeafResult(int shard, List<LeafHit> hits, long totalHits, long tookMs) {
	}

	/**
	 * @param id document id
	 * @param title document title
	 * @param score relevance score
	 * @param snippet the matching passage
	 */
	record LeafHit(String id, String title, double score, String snippet) {
	}

	/**
	 * Term and field statistics, from one leaf or summed over all of them.
	 *
	 * @param fields per-field statistics
	 * @param terms per-term statistics
	 */
	record Statistics(List<FieldStats> fields, List<TermStats> terms) {
	}

	/**
	 * @param field the field
	 * @param maxDoc documents in the index
	 * @param docCount documents with this field
	 * @param sumTotalTermFreq tokens in this field over all documents
	 * @param sumDocFreq postings in this field
	 */
	record FieldStats(String field, long maxDoc, long docCount, long sumTotalTermFreq, long sumDocFreq) {
	}

	/**
	 * @param field the field
	 * @param term the term
	 * @param docFreq documents containing it
	 * @param totalTermFreq occurrences of it
	 */
	record TermStats(String field, String term, long docFreq, long totalTermFreq) {
	}

	/**
	 * A query scored with global statistics.
	 *
	 * @param q the query
	 * @param k how many hits
	 * @param stats the statistics of all shards together
	 */
	record GlobalQuery(String q, int k, Statistics stats) {
	}

}
