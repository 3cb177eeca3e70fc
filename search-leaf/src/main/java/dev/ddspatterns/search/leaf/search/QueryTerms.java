package dev.ddspatterns.search.leaf.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * What of a parsed query depends on the statistics or the terms of a collection: the
 * terms it scores, each weighted by its own counts, and its fuzzy queries, whose terms
 * are only known once expanded against an index. Prefix, wildcard, regular expression and
 * range queries are neither: the query parser has them score every match alike.
 *
 * @param terms the terms scored with their own counts, in term order
 * @param fuzzy the fuzzy queries that score, each once
 * @param prohibitedFuzzy the fuzzy queries that only exclude documents ({@code -lion~}):
 * not scored, but which documents they exclude depends on their expansion too
 */
record QueryTerms(Set<Term> terms, List<FuzzyQuery> fuzzy, List<FuzzyQuery> prohibitedFuzzy) {

	QueryTerms {
		terms = Collections.unmodifiableSet(new TreeSet<>(terms));
		fuzzy = List.copyOf(new LinkedHashSet<>(fuzzy));
		prohibitedFuzzy = List.copyOf(new LinkedHashSet<>(prohibitedFuzzy));
	}

	static QueryTerms of(Query query) {
		Set<Term> terms = new TreeSet<>();
		List<FuzzyQuery> fuzzy = new ArrayList<>();
		List<FuzzyQuery> prohibitedFuzzy = new ArrayList<>();
		query.visit(new Collector(terms, fuzzy, prohibitedFuzzy));
		return new QueryTerms(terms, fuzzy, prohibitedFuzzy);
	}

	/**
	 * @return whether a document's score depends on the counts of a collection
	 */
	boolean scoresWithStatistics() {
		return !this.terms.isEmpty() || !this.fuzzy.isEmpty();
	}

	/**
	 * @return every fuzzy query, scored or prohibited, each once
	 */
	List<FuzzyQuery> everyFuzzy() {
		return Stream.concat(this.fuzzy.stream(), this.prohibitedFuzzy.stream()).distinct().toList();
	}

	/**
	 * @return whether some fuzzy query expands to this shard's terms, not to the corpus's
	 * expansion the root chose
	 */
	boolean expandsOnTheShard() {
		return everyFuzzy().stream()
			.map(MultiTermQuery::getRewriteMethod)
			.anyMatch((rewrite) -> !(rewrite instanceof GlobalExpansion));
	}

	/**
	 * Lucene's visitors skip prohibited clauses by default; this one goes into them for
	 * their fuzzy queries only.
	 */
	private static final class Collector extends QueryVisitor {

		private final Set<Term> terms;

		private final List<FuzzyQuery> fuzzy;

		private final List<FuzzyQuery> prohibitedFuzzy;

		private final boolean prohibited;

		Collector(Set<Term> terms, List<FuzzyQuery> fuzzy, List<FuzzyQuery> prohibitedFuzzy) {
			this(terms, fuzzy, prohibitedFuzzy, false);
		}

		private Collector(Set<Term> terms, List<FuzzyQuery> fuzzy, List<FuzzyQuery> prohibitedFuzzy,
				boolean prohibited) {
			this.terms = terms;
			this.fuzzy = fuzzy;
			this.prohibitedFuzzy = prohibitedFuzzy;
			this.prohibited = prohibited;
		}

		@Override
		public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
			if (occur == BooleanClause.Occur.MUST_NOT && !this.prohibited) {
				return new Collector(this.terms, this.fuzzy, this.prohibitedFuzzy, true);
			}
			return this;
		}

		@Override
		public void consumeTerms(Query parent, Term... consumed) {
			// A fuzzy query of edit distance 0 reports its one term, and is still
			// expanded.
			if (parent instanceof FuzzyQuery fuzzyQuery) {
				fuzzy(fuzzyQuery);
			}
			else if (!this.prohibited) {
				this.terms.addAll(List.of(consumed));
			}
		}

		@Override
		public void consumeTermsMatching(Query parent, String field, Supplier<ByteRunAutomaton> automaton) {
			if (parent instanceof FuzzyQuery fuzzyQuery) {
				fuzzy(fuzzyQuery);
			}
		}

		private void fuzzy(FuzzyQuery query) {
			(this.prohibited ? this.prohibitedFuzzy : this.fuzzy).add(query);
		}

	}

}
