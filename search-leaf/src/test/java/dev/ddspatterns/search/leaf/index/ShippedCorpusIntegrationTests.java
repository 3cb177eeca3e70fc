package dev.ddspatterns.search.leaf.index;

import dev.ddspatterns.search.leaf.RunningLeaf;
import dev.ddspatterns.search.leaf.corpus.CorpusReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a corpus directory a leaf serves the corpus the build packs into the jar (the
 * repository's {@code corpus/} folder).
 */
class ShippedCorpusIntegrationTests {

	@Test
	void servesTheCorpusOnTheClassPathWhenNoDirectoryIsSet() {
		int shipped = CorpusReader.readClasspath(IndexConfiguration.SHIPPED_CORPUS).size();
		try (RunningLeaf leaf = RunningLeaf.start().awaitReady()) {
			assertThat(leaf.index().corpus()).isEqualTo("classpath:corpus/");
			assertThat(leaf.index().documents()).isPositive().isEqualTo(shipped);
			assertThat(leaf.search("wolf AND lamb", 10).ids()).contains("aesop-001");
		}
	}

}
