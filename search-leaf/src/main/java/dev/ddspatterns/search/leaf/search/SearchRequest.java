package dev.ddspatterns.search.leaf.search;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/search}: a query to score with global statistics.
 *
 * @param q the query
 * @param k how many hits to return, 10 when not given
 * @param stats the global statistics; the shard's own are used for any field or term left
 * out
 */
record SearchRequest(@NotBlank String q, @Min(1) @Max(ShardSearcher.MAX_K) @Nullable Integer k,
		@Valid @Nullable Statistics stats) {

	int hits() {
		return (this.k != null) ? this.k : ShardSearcher.DEFAULT_K;
	}

	/**
	 * Statistics summed over all leaves, shaped like {@link StatsResponse}.
	 *
	 * @param fields statistics of fields
	 * @param terms statistics of terms
	 * @param expansions the corpus's expansion of each fuzzy query, chosen from all
	 * leaves' candidates; a fuzzy query left out is expanded on the shard alone
	 */
	record Statistics(List<@Valid FieldStats> fields, List<@Valid TermStats> terms,
			List<@Valid TermExpansion> expansions) {

		Statistics {
			fields = (fields != null) ? List.copyOf(fields) : List.of();
			terms = (terms != null) ? List.copyOf(terms) : List.of();
			expansions = (expansions != null) ? List.copyOf(expansions) : List.of();
		}

		/**
		 * A term's document frequency may not exceed its field's document count, or BM25
		 * would give it a negative weight.
		 */
		@AssertTrue(message = "every term needs its field's statistics, with docCount >= the term's docFreq")
		boolean isEveryTermWithinItsField() {
			boolean terms = this.terms.stream()
				.filter((term) -> !term.isEmpty())
				.allMatch((term) -> isWithinItsField(term.field(), term.docFreq()));
			boolean expandedTerms = this.expansions.stream()
				.allMatch((expansion) -> expansion.terms()
					.stream()
					.allMatch((term) -> term.docFreq() == 0 || isWithinItsField(expansion.field(), term.docFreq())));
			return terms && expandedTerms;
		}

		private boolean isWithinItsField(String field, long docFreq) {
			return this.fields.stream().anyMatch((stats) -> stats.field().equals(field) && stats.docCount() >= docFreq);
		}

	}

}
