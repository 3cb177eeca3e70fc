package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The shard's statistics for one query: the counts of the terms it scores by their own
 * counts, the candidate terms of its fuzzy queries ({@link ShardExpansion}), and the
 * fields they are in.
 */
final class ShardStatistics {

	private ShardStatistics() {
	}

	static StatsResponse of(int shard, IndexSearcher searcher, Query query) throws IOException {
		QueryTerms scored = QueryTerms.of(query);
		IndexReader reader = searcher.getIndexReader();
		List<TermStats> termStats = new ArrayList<>();
		Set<String> fields = new TreeSet<>();
		for (Term term : scored.terms()) {
			termStats.add(new TermStats(term.field(), term.text(), reader.docFreq(term), reader.totalTermFreq(term)));
			fields.add(term.field());
		}
		List<TermExpansion> expansions = new ArrayList<>();
		for (FuzzyQuery fuzzy : scored.everyFuzzy()) {
			expansions.add(ShardExpansion.of(reader, fuzzy));
			fields.add(fuzzy.getField());
		}
		expansions.sort(Comparator.comparing(TermExpansion::query));
		List<FieldStats> fieldStats = new ArrayList<>();
		for (String field : fields) {
			CollectionStatistics statistics = searcher.collectionStatistics(field);
			fieldStats.add(
					(statistics != null) ? FieldStats.of(statistics) : new FieldStats(field, reader.maxDoc(), 0, 0, 0));
		}
		return new StatsResponse(shard, fieldStats, termStats, expansions);
	}

}
