package dev.ddspatterns.search.leaf.corpus;

import java.util.Objects;

/**
 * One document of the corpus, before it is indexed.
 *
 * @param id unique in the corpus; it is also the key the sharding function hashes
 * @param title a short title, possibly empty
 * @param body the text
 */
public record CorpusDocument(String id, String title, String body) {

	public CorpusDocument {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(body, "body");
	}

}
