package dev.ddspatterns.search.leaf.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.ddspatterns.search.leaf.RunningLeaf;
import dev.ddspatterns.search.leaf.TestCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change to the corpus directory is picked up by polling, indexed in the background and
 * swapped in while searches keep being answered.
 */
class HotReloadIntegrationTests {

	/** Enough filler that a rebuild takes a noticeable moment on two cores. */
	private static final int FILLER_DOCUMENTS = 4000;

	@TempDir
	Path corpus;

	@Test
	void aNewFileBecomesSearchableWithoutDowntime() throws Exception {
		TestCorpus.copyTo(this.corpus);
		writeFiller();
		try (RunningLeaf leaf = RunningLeaf.start("suite.search.leaf.corpus=" + this.corpus,
				"suite.search.leaf.reload-interval=100ms")) {
			leaf.awaitReady();
			assertThat(leaf.index().generation()).isOne();
			assertThat(leaf.search("unicorn", 10).hits()).isEmpty();

			Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
			AtomicBoolean searching = new AtomicBoolean(true);
			Thread searcher = Thread.ofVirtual().start(() -> {
				while (searching.get()) {
					statuses.add(leaf.status("/v1/search?q=cat"));
				}
			});
			try {
				Files.writeString(this.corpus.resolve("notes/unicorn.md"),
						"# The Unicorn\nA unicorn walked into the kitchen where the cat and the dog slept.");
				int answeredBeforeChange = statuses.size();

				await().atMost(Duration.ofSeconds(15))
					.until(() -> leaf.search("unicorn", 10).ids().equals(List.of("notes/unicorn.md")));
				assertThat(statuses.size()).as("searches answered while reloading").isGreaterThan(answeredBeforeChange);
			}
			finally {
				searching.set(false);
				searcher.join();
			}
			assertThat(statuses).isNotEmpty().containsOnly(200);
			assertThat(leaf.index().generation()).isEqualTo(2);
			assertThat(leaf.index().documents()).isEqualTo(TestCorpus.IDS.size() + FILLER_DOCUMENTS + 1);
		}
	}

	@Test
	void aRemovedFileDisappearsFromTheIndex() throws IOException {
		TestCorpus.copyTo(this.corpus);
		try (RunningLeaf leaf = RunningLeaf.start("suite.search.leaf.corpus=" + this.corpus,
				"suite.search.leaf.reload-interval=100ms")) {
			leaf.awaitReady();
			assertThat(leaf.search("milkmaid", 10).ids()).containsExactly("notes/milk.txt");

			Files.delete(this.corpus.resolve("notes/milk.txt"));

			await().atMost(Duration.ofSeconds(10)).until(() -> leaf.search("milkmaid", 10).hits().isEmpty());
			assertThat(leaf.index().documents()).isEqualTo(TestCorpus.IDS.size() - 1);
		}
	}

	private void writeFiller() throws IOException {
		String lines = IntStream.range(0, FILLER_DOCUMENTS)
			.mapToObj((i) -> "{\"id\":\"filler-%05d\",\"title\":\"Filler %d\",\"body\":\"%s\"}".formatted(i, i,
					"a quiet meadow with grass and stones and a river that runs to the sea ".repeat(8)))
			.collect(Collectors.joining("\n"));
		Files.writeString(this.corpus.resolve("filler.jsonl"), lines);
	}

}
