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
 * term the request leaves out keeps the shard's own statistics.
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

	@Override
	public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
		TermStatistics global = this.terms.get(term);
		return (global != null) ? global : super.termStatistics(term, docFreq, totalTermFreq);
	}

	@Override
	public CollectionStatistics collectionStatistics(String field) throws IOException {
		CollectionStatistics global = this.fields.get(field);
		return (global != null) ? global : super.collectionStatistics(field);
	}

}
