package dev.ddspatterns.search.leaf.index;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import dev.ddspatterns.search.leaf.corpus.CorpusDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Builds a complete in-memory index of some documents. Heap memory suits a corpus of a
 * few megabytes and makes every build independent of the last; a large corpus would be
 * indexed to disk once and reopened instead.
 */
final class IndexBuilder {

	private IndexBuilder() {
	}

	static IndexSnapshot build(List<CorpusDocument> documents, Analyzer analyzer, long generation, Instant loadedAt)
			throws IOException {
		ByteBuffersDirectory directory = new ByteBuffersDirectory();
		IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
		try (IndexWriter writer = new IndexWriter(directory, config)) {
			for (CorpusDocument document : documents) {
				writer.addDocument(LeafDocuments.toLuceneDocument(document));
			}
		}
		DirectoryReader reader = DirectoryReader.open(directory);
		// The last lease to let go of the reader frees the memory it reads.
		reader.getReaderCacheHelper().addClosedListener((key) -> directory.close());
		return new IndexSnapshot(new IndexSearcher(reader), generation, reader.numDocs(), loadedAt);
	}

}
