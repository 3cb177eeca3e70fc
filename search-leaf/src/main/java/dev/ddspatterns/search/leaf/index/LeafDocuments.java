package dev.ddspatterns.search.leaf.index;

import java.util.List;

import dev.ddspatterns.search.leaf.corpus.CorpusDocument;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * How a corpus document becomes a Lucene document: the field names and their mapping, in
 * one place, so that a test can build an index over the whole corpus that matches the
 * leaves' field for field.
 */
public final class LeafDocuments {

	/**
	 * The document id: indexed as one term, stored, and kept as sorted doc values to
	 * break ties between equal scores the same way on every leaf.
	 */
	public static final String ID = "id";

	/** The title, analysed and stored. */
	public static final String TITLE = "title";

	/** The text, analysed and stored for snippets. */
	public static final String BODY = "body";

	/** The fields a query searches, in the order the query parser expands them. */
	public static final List<String> SEARCHED_FIELDS = List.of(TITLE, BODY);

	private LeafDocuments() {
	}

	/**
	 * @param document a corpus document
	 * @return the Lucene document a leaf indexes for it
	 */
	public static Document toLuceneDocument(CorpusDocument document) {
		Document lucene = new Document();
		lucene.add(new StringField(ID, document.id(), Field.Store.YES));
		lucene.add(new SortedDocValuesField(ID, new BytesRef(document.id())));
		lucene.add(new TextField(TITLE, document.title(), Field.Store.YES));
		lucene.add(new TextField(BODY, document.body(), Field.Store.YES));
		return lucene;
	}

}
