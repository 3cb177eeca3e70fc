package dev.ddspatterns.search.leaf.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.ddspatterns.search.leaf.TestCorpus;
import dev.ddspatterns.search.leaf.corpus.CorpusSource;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Each poll loads the shard only when the corpus exists and has changed. */
class IndexReloaderTests {

	private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

	@TempDir
	Path volume;

	private final Analyzer analyzer = LeafAnalyzer.create();

	private final LeafIndex index = new LeafIndex();

	@AfterEach
	void close() {
		this.index.close();
		this.analyzer.close();
	}

	@Test
	void loadsOnceTheCorpusAppearsAndAgainOnlyWhenItChanges() throws IOException {
		Path corpus = this.volume.resolve("corpus");
		IndexReloader reloader = reloader(corpus, ShardAssignment.of(0, 1));

		reloader.reloadIfChanged();
		assertThat(this.index.current()).isEmpty();

		TestCorpus.copyTo(Files.createDirectories(corpus));
		reloader.reloadIfChanged();
		reloader.reloadIfChanged();
		assertThat(this.index.current()).hasValueSatisfying((snapshot) -> {
			assertThat(snapshot.generation()).isOne();
			assertThat(snapshot.documents()).isEqualTo(TestCorpus.IDS.size());
			assertThat(snapshot.loadedAt()).isEqualTo(NOW);
		});

		Files.writeString(corpus.resolve("new.md"), "# New\nA new document.");
		reloader.reloadIfChanged();
		assertThat(this.index.current().orElseThrow().generation()).isEqualTo(2);
		assertThat(this.index.current().orElseThrow().documents()).isEqualTo(TestCorpus.IDS.size() + 1);
	}

	@Test
	void indexesOnlyTheDocumentsOfItsShard() {
		ShardAssignment shard = ShardAssignment.of(1, 3);

		reloader(TestCorpus.directory(), shard).reloadIfChanged();

		assertThat(this.index.current().orElseThrow().documents())
			.isEqualTo((int) TestCorpus.IDS.stream().filter(shard::owns).count());
	}

	private IndexReloader reloader(Path corpus, ShardAssignment shard) {
		return new IndexReloader(new CorpusSource.Directory(corpus), shard, this.index, this.analyzer,
				Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1));
	}

}
