package dev.ddspatterns.search.leaf;

import java.time.Instant;
import java.util.List;

/**
 * The leaf's JSON as a client reads it, written out independently of the main code so
 * that a renamed field breaks these tests as it would break search-root.
 */
public final class LeafApi {

	private LeafApi() {
	}

	public record Hits(int shard, List<Hit> hits, long totalHits, long tookMs, boolean approximate,
			List<String> approximations) {

		public List<String> ids() {
			return this.hits.stream().map(Hit::id).toList();
		}

	}

	public record Hit(String id, String title, float score, String snippet) {
	}

	public record Stats(int shard, List<FieldStats> fields, List<TermStats> terms, List<Expansion> expansions) {
	}

	public record Expansion(String query, String field, int maxTerms, List<ExpandedTerm> terms) {
	}

	public record ExpandedTerm(String term, float boost, long docFreq, long totalTermFreq) {
	}

	public record FieldStats(String field, long maxDoc, long docCount, long sumTotalTermFreq, long sumDocFreq) {
	}

	public record TermStats(String field, String term, long docFreq, long totalTermFreq) {
	}

	public record IndexStatus(int shard, int shardCount, int documents, long generation, Instant loadedAt,
			String corpus) {
	}

}
