package dev.ddspatterns.search.root;

import java.nio.file.Path;
import java.util.List;

/**
 * The repository's small public-domain corpus, which every leaf these tests start reads,
 * and queries that find documents in it.
 */
final class TestCorpus {

	/** The corpus folder, at the repository's root. */
	static final Path PATH = Path.of("..", "corpus").toAbsolutePath().normalize();

	/** Term, boolean and phrase queries; all but at most two have hits. */
	static final List<String> QUERIES = List.of("cat", "dog", "cat AND dog", "cat OR dog", "fox NOT grapes",
			"\"the lion\"", "wolf lamb", "+mouse -lion", "crow cheese", "man");

	private TestCorpus() {
	}

}
