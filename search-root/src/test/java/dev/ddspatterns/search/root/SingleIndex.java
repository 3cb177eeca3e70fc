package dev.ddspatterns.search.root;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.ddspatterns.search.leaf.corpus.CorpusDocument;
import dev.ddspatterns.search.leaf.corpus.CorpusReader;
import dev.ddspatterns.search.leaf.index.LeafAnalyzer;
import dev.ddspatterns.search.leaf.index.LeafDocuments;
import dev.ddspatterns.search.leaf.search.LeafQueries;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The reference answer: one Lucene index over the whole corpus, built here with the
 * leaves' analyzer, field mapping, query syntax and ranking, but no sharding and no root.
 */
final class SingleIndex implements AutoCloseable {

	private final ByteBuffersDirectory directory = new ByteBuffersDirectory();

	private final Analyzer analyzer = LeafAnalyzer.create();

	private final DirectoryReader reader;

	private SingleIndex(List<CorpusDocument> documents) throws IOException {
		try (IndexWriter writer = new IndexWriter(this.directory, new IndexWriterConfig(this.analyzer))) {
			for (CorpusDocument document : documents) {
				writer.addDocument(LeafDocuments.toLuceneDocument(document));
			}
		}
		this.reader = DirectoryReader.open(this.directory);
	}

	static SingleIndex of(Path corpus) throws IOException {
		return new SingleIndex(CorpusReader.read(corpus));
	}

	Answer search(String q, int k) throws Exception {
		IndexSearcher searcher = new IndexSearcher(this.reader);
		TopFieldDocs top = searcher.search(LeafQueries.parse(q, this.analyzer),
				new TopFieldCollectorManager(LeafQueries.RANKING, k, null, Integer.MAX_VALUE));
		List<String> ids = new ArrayList<>();
		List<Double> scores = new ArrayList<>();
		for (ScoreDoc hit : top.scoreDocs) {
			ids.add(searcher.storedFields().document(hit.doc).get(LeafDocuments.ID));
			scores.add((double) (Float) ((FieldDoc) hit).fields[0]);
		}
		return new Answer(ids, scores, top.totalHits.value());
	}

	@Override
	public void close() throws IOException {
		this.reader.close();
		this.directory.close();
	}

	/**
	 * @param ids the top ids, best first
	 * @param scores their scores
	 * @param totalHits all matches
	 */
	record Answer(List<String> ids, List<Double> scores, long totalHits) {
	}

}
