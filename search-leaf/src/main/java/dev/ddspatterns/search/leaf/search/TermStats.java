package dev.ddspatterns.search.leaf.search;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermStatistics;

/**
 * Statistics of one term, the BM25 input that makes it rare or common. Summed over all
 * leaves they are the global statistics.
 *
 * @param field the field the term is in
 * @param term the term as indexed (analysed: lower case, stemmed)
 * @param docFreq documents that contain it
 * @param totalTermFreq how often it occurs in all of them
 */
record TermStats(@NotBlank String field, @NotNull String term, @PositiveOrZero long docFreq,
		@PositiveOrZero long totalTermFreq) {

	/** No document has the term: such statistics say nothing, so they are ignored. */
	boolean isEmpty() {
		return this.docFreq == 0;
	}

	@AssertTrue(message = "must have docFreq <= totalTermFreq")
	boolean isConsistent() {
		return isEmpty() || this.docFreq <= this.totalTermFreq;
	}

	Term toTerm() {
		return new Term(this.field, this.term);
	}

	TermStatistics toLucene() {
		return new TermStatistics(toTerm().bytes(), this.docFreq, this.totalTermFreq);
	}

}
