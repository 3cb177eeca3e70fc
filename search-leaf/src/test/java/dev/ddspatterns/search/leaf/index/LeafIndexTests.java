package dev.ddspatterns.search.leaf.index;

import java.util.List;

import dev.ddspatterns.search.leaf.corpus.CorpusDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A swap never pulls an index from under a request that is still using it. */
class LeafIndexTests {

	private final Analyzer analyzer = LeafAnalyzer.create();

	@AfterEach
	void closeAnalyzer() {
		this.analyzer.close();
	}

	@Test
	void nothingToLeaseBeforeTheFirstLoad() {
		assertThat(TestIndexes.empty().acquire()).isEmpty();
	}

	@Test
	void aLeasedSnapshotStaysOpenAcrossASwapAndClosesWithItsLastLease() throws Exception {
		LeafIndex index = new LeafIndex();
		IndexSnapshot old = TestIndexes.snapshot(List.of(document("a")), this.analyzer);
		index.publish(old);
		LeafIndex.Lease lease = index.acquire().orElseThrow();

		index.publish(TestIndexes.snapshot(List.of(document("a"), document("b")), this.analyzer));

		assertThat(lease.snapshot().searcher().count(new MatchAllDocsQuery())).isOne();
		try (LeafIndex.Lease next = index.acquire().orElseThrow()) {
			assertThat(next.snapshot().documents()).isEqualTo(2);
		}
		lease.close();
		assertThatExceptionOfType(AlreadyClosedException.class).isThrownBy(() -> old.reader().storedFields());
		index.close();
	}

	private static CorpusDocument document(String id) {
		return new CorpusDocument(id, "Title " + id, "Body of " + id);
	}

}
