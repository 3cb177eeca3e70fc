package dev.ddspatterns.search.leaf.search;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.apache.lucene.search.CollectionStatistics;

/**
 * Statistics of one field, the BM25 inputs that describe a collection: its document count
 * and average length. Summed over all leaves they are the global statistics.
 *
 * @param field the field
 * @param maxDoc documents in the index, with or without the field
 * @param docCount documents that have the field
 * @param sumTotalTermFreq tokens in the field over all documents (its total length)
 * @param sumDocFreq sum of the document frequencies of all the field's terms
 */
record FieldStats(@NotBlank String field, @PositiveOrZero long maxDoc, @PositiveOrZero long docCount,
		@PositiveOrZero long sumTotalTermFreq, @PositiveOrZero long sumDocFreq) {

	static FieldStats of(CollectionStatistics statistics) {
		return new FieldStats(statistics.field(), statistics.maxDoc(), statistics.docCount(),
				statistics.sumTotalTermFreq(), statistics.sumDocFreq());
	}

	/** No document has the field: such statistics say nothing, so they are ignored. */
	boolean isEmpty() {
		return this.docCount == 0;
	}

	@AssertTrue(message = "must have docCount <= maxDoc and docCount <= sumDocFreq <= sumTotalTermFreq")
	boolean isConsistent() {
		return isEmpty() || (this.docCount <= this.maxDoc && this.docCount <= this.sumDocFreq
				&& this.sumDocFreq <= this.sumTotalTermFreq);
	}

	CollectionStatistics toLucene() {
		return new CollectionStatistics(this.field, this.maxDoc, this.docCount, this.sumTotalTermFreq, this.sumDocFreq);
	}

}
