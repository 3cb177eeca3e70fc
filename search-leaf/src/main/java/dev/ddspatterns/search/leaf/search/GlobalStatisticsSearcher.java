package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;

/**
 * Scores with statistics of the whole corpus instead of this shard's: the query phase of
 * a distributed-frequency search (Elasticsearch's {@code dfs_query_then_fetch}).
 *
 * <p>
 * BM25 weighs a term by how rare it is in the collection and a field by how long it is on
 * average. A shard that holds few documents with "fox" would think fox rare and score its
 * fox documents higher than another shard scores the same documents; merged, the ranking
 * would depend on where documents happen to live. Given the sums over all leaves, every
 * leaf scores each document exactly as one index over the whole corpus would. A field or
 * term the request leaves out keeps the shard's own statistics. A fuzzy query's terms
 * bring the corpus's counts with them ({@link GlobalExpansion}).
 */
final class GlobalStatisticsSearcher extends IndexSearcher {

	private final Map<String, CollectionStatistics> fields = new HashMap<>();

	private final Map<Term, TermStatistics> terms = new HashMap<>();

	GlobalStatisticsSearcher(IndexReader reader, SearchRequest.Statistics global) {
		super(reader);
		global.fields()
			.stream()
			.filter((field) -> !field.isEmpty())
			.forEach((field) -> this.fields.put(field.field(), field.toLucene()));
		global.terms()
			.stream()
			.filter((term) -> !term.isEmpty())
			.forEach((term) -> this.terms.put(term.toTerm(), term.toLucene()));
	}

	/**
	 * The corpus's counts of a term wherever the query weighs it by the shard's counts.
	 * The terms of a fuzzy query come with the corpus's counts, blended, and keep them,
	 * also when the query has the same term on its own ({@code lion~ lion}) and the
	 * request carries the term's plain counts for that. Blended counts are at least the
	 * term's corpus counts, which are at least the shard's; so blended counts equal to
	 * the shard's are the corpus's counts of the term too, and either answer is right.
	 */
	@Override
	public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
		TermStatistics global = this.terms.get(term);
		IndexReader reader = getIndexReader();
		boolean shardCounts = docFreq == reader.docFreq(term) && totalTermFreq == reader.totalTermFreq(term);
		return (global != null && shardCounts) ? global : super.termStatistics(term, docFreq, totalTermFreq);
	}

	@Override
	public CollectionStatistics collectionStatistics(String field) throws IOException {
		CollectionStatistics global = this.fields.get(field);
		return (global != null) ? global : super.collectionStatistics(field);
	}

}
