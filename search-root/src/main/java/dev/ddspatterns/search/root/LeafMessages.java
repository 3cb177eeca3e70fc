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
	 * @param approximations why its scores may differ from one index's over the whole
	 * corpus; none from a leaf that does not say
	 */
	record LeafResult(int shard, List<LeafHit> hits, long totalHits, long tookMs, List<Approximation> approximations) {

		LeafResult {
			approximations = (approximations != null) ? List.copyOf(approximations) : List.of();
		}

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
	 * @param expansions per fuzzy query, a leaf's candidate terms or the corpus's
	 * expansion
	 */
	record Statistics(List<FieldStats> fields, List<TermStats> terms, List<TermExpansion> expansions) {

		Statistics {
			fields = (fields != null) ? List.copyOf(fields) : List.of();
			terms = (terms != null) ? List.copyOf(terms) : List.of();
			expansions = (expansions != null) ? List.copyOf(expansions) : List.of();
		}

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
	 * The terms a fuzzy query expands to: a leaf's closest ones, or the corpus's.
	 *
	 * @param query which fuzzy query, as Lucene prints it: {@code body:lion~2}
	 * @param field the field of its terms
	 * @param maxTerms how many terms it expands to at most
	 * @param terms the terms, closest first
	 */
	record TermExpansion(String query, String field, int maxTerms, List<ExpandedTerm> terms) {

		TermExpansion {
			terms = (terms != null) ? List.copyOf(terms) : List.of();
		}

	}

	/**
	 * @param term the term
	 * @param boost how close it is to the query's term (Lucene's fuzzy boost)
	 * @param docFreq documents containing it
	 * @param totalTermFreq occurrences of it
	 */
	record ExpandedTerm(String term, float boost, long docFreq, long totalTermFreq) {
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
