package dev.ddspatterns.search.leaf.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import dev.ddspatterns.search.leaf.corpus.CorpusDocument;
import org.apache.lucene.analysis.Analyzer;

/** Loaded indexes for tests of other packages, built the way a leaf builds them. */
public final class TestIndexes {

	private TestIndexes() {
	}

	/**
	 * @param documents the documents to index
	 * @param analyzer the analyzer
	 * @return an index holding them as its first generation
	 */
	public static LeafIndex loaded(List<CorpusDocument> documents, Analyzer analyzer) {
		LeafIndex index = new LeafIndex();
		index.publish(snapshot(documents, analyzer));
		return index;
	}

	/** An index that has not loaded anything yet. */
	public static LeafIndex empty() {
		return new LeafIndex();
	}

	/**
	 * @param documents the documents to index
	 * @param analyzer the analyzer
	 * @return a snapshot of them, open until its reader is closed
	 */
	public static IndexSnapshot snapshot(List<CorpusDocument> documents, Analyzer analyzer) {
		try {
			return IndexBuilder.build(documents, analyzer, 1, Instant.EPOCH);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
