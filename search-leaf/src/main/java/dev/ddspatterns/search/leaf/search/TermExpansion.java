package dev.ddspatterns.search.leaf.search;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.apache.lucene.search.FuzzyQuery;

/**
 * The terms a fuzzy query expands to, with the counts to score them by. From a leaf: the
 * shard's candidates, its closest terms. From the root: the corpus's expansion, the
 * closest of all shards' candidates, each with its counts summed over the shards.
 *
 * @param query which fuzzy query of the request this is, as Lucene prints it:
 * {@code body:lion~2}
 * @param field the field of the query and its terms
 * @param maxTerms how many terms the query expands to at most
 * @param terms the terms, closest first
 */
record TermExpansion(@NotBlank String query, @NotBlank String field, @Positive int maxTerms,
		List<@Valid @NotNull ExpandedTerm> terms) {

	TermExpansion {
		terms = (terms != null) ? List.copyOf(terms) : List.of();
	}

	/**
	 * The query parser fixes a fuzzy query's prefix length and transpositions, so its
	 * field, term and edit distance, all in Lucene's print of it, tell it apart.
	 * @param fuzzy a fuzzy query of the request
	 * @return the key its expansion travels under
	 */
	static String keyOf(FuzzyQuery fuzzy) {
		return fuzzy.toString();
	}

	/**
	 * One term of an expansion.
	 *
	 * @param term the term as indexed
	 * @param boost how close it is to the query's term: 1 for the term itself, less the
	 * more edits away (Lucene's fuzzy boost, below zero for a term two edits from a
	 * one-letter one)
	 * @param docFreq documents that contain it
	 * @param totalTermFreq how often it occurs in all of them
	 */
	record ExpandedTerm(@NotNull String term, float boost, @PositiveOrZero long docFreq,
			@PositiveOrZero long totalTermFreq) {

		@AssertTrue(message = "must have a finite boost and docFreq <= totalTermFreq")
		boolean isConsistent() {
			return Float.isFinite(this.boost) && (this.docFreq == 0 || this.docFreq <= this.totalTermFreq);
		}

	}

}
