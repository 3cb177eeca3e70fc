package dev.ddspatterns.search.leaf.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.ddspatterns.search.leaf.index.IndexSnapshot;
import dev.ddspatterns.search.leaf.index.LeafDocuments;
import dev.ddspatterns.search.leaf.index.LeafIndex;
import dev.ddspatterns.search.leaf.index.ShardAssignment;
import dev.ddspatterns.service.problem.ProblemException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Runs a query against the shard's current index: the leaf's half of scatter/gather. Each
 * request leases one index snapshot, so a reload in the middle of it changes nothing.
 */
@Component
class ShardSearcher {

	static final int DEFAULT_K = 10;

	static final int MAX_K = 100;

	private final LeafIndex index;

	private final Analyzer analyzer;

	private final ShardAssignment shard;

	ShardSearcher(LeafIndex index, Analyzer analyzer, ShardAssignment shard) {
		this.index = index;
		this.analyzer = analyzer;
		this.shard = shard;
	}

	/**
	 * @param q the query
	 * @param k how many hits to return
	 * @param global statistics of the whole corpus to score with, or null for the shard's
	 * own
	 * @return the best {@code k} hits and the exact number of matches
	 */
	SearchResponse search(String q, int k, SearchRequest.@Nullable Statistics global) throws IOException {
		long started = System.nanoTime();
		Query query = parse(q, GlobalExpansion.binding((global != null) ? global.expansions() : List.of()));
		try (LeafIndex.Lease lease = lease()) {
			IndexSnapshot snapshot = lease.snapshot();
			IndexSearcher searcher = (global != null) ? new GlobalStatisticsSearcher(snapshot.reader(), global)
					: snapshot.searcher();
			// A threshold of MAX_VALUE counts every match instead of stopping at 1000.
			TopFieldDocs top = searcher.search(query,
					new TopFieldCollectorManager(LeafQueries.RANKING, k, null, Integer.MAX_VALUE));
			List<SearchResponse.Hit> hits = hits(searcher.storedFields(), top, new Snippets(this.analyzer, query));
			long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			return new SearchResponse(this.shard.index(), hits, top.totalHits.value(), tookMs,
					Approximation.of(this.shard.count(), global != null, QueryTerms.of(query)));
		}
		catch (IndexSearcher.TooManyClauses ex) {
			throw SearchProblems.invalid("The query expands to too many terms: " + ex.getMessage());
		}
		catch (TooComplexToDeterminizeException ex) {
			throw tooComplex();
		}
	}

	/**
	 * @param q the query
	 * @return the shard's statistics of the query's terms and their fields
	 */
	StatsResponse statistics(String q) throws IOException {
		Query query = parse(q, UnaryOperator.identity());
		try (LeafIndex.Lease lease = lease()) {
			return ShardStatistics.of(this.shard.index(), lease.snapshot().searcher(), query);
		}
		catch (IndexSearcher.TooManyClauses ex) {
			throw SearchProblems.invalid("The query expands to too many terms: " + ex.getMessage());
		}
		catch (TooComplexToDeterminizeException ex) {
			throw tooComplex();
		}
	}

	/**
	 * Lucene builds a regular expression's automaton as it parses: a pattern it cannot
	 * read is an {@code IllegalArgumentException}, one whose automaton would be too large
	 * a {@code TooComplexToDeterminizeException}. Both are the query's fault.
	 */
	private Query parse(String q, UnaryOperator<FuzzyQuery> fuzzy) {
		try {
			return LeafQueries.parse(q, this.analyzer, fuzzy);
		}
		catch (ParseException ex) {
			throw SearchProblems.invalidQuery(q, ex.getMessage());
		}
		catch (TooComplexToDeterminizeException ex) {
			throw tooComplex();
		}
		catch (IllegalArgumentException ex) {
			throw SearchProblems.invalidQuery(q, "Cannot parse the query: " + ex.getMessage());
		}
	}

	private static ProblemException tooComplex() {
		return SearchProblems.invalid("A regular expression in the query is too complex to run.");
	}

	private LeafIndex.Lease lease() {
		return this.index.acquire().orElseThrow(() -> SearchProblems.notLoaded(this.shard.index()));
	}

	private static List<SearchResponse.Hit> hits(StoredFields stored, TopFieldDocs top, Snippets snippets)
			throws IOException {
		List<SearchResponse.Hit> hits = new ArrayList<>(top.scoreDocs.length);
		for (ScoreDoc scoreDoc : top.scoreDocs) {
			Document document = stored.document(scoreDoc.doc);
			// The first sort field is the score.
			float score = (Float) ((FieldDoc) scoreDoc).fields[0];
			hits.add(new SearchResponse.Hit(document.get(LeafDocuments.ID), document.get(LeafDocuments.TITLE), score,
					snippets.of(document.get(LeafDocuments.BODY))));
		}
		return hits;
	}

}
