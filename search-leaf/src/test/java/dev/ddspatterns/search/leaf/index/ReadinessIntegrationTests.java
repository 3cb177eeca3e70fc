package dev.ddspatterns.search.leaf.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.ddspatterns.search.leaf.RunningLeaf;
import dev.ddspatterns.search.leaf.TestCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leaf is live at once but ready only once its shard is loaded. The test holds the
 * first load back the way a real deployment does: the corpus volume is still empty
 * (git-sync has not published a revision yet), so the leaf has nothing to load until the
 * directory appears.
 */
class ReadinessIntegrationTests {

	@TempDir
	Path volume;

	@Test
	void notReadyUntilTheCorpusIsLoaded() throws IOException {
		Path corpus = this.volume.resolve("corpus");
		try (RunningLeaf leaf = RunningLeaf.start("suite.search.leaf.corpus=" + corpus,
				"suite.search.leaf.reload-interval=100ms")) {
			assertThat(leaf.status("/livez")).isEqualTo(200);
			assertThat(leaf.status("/readyz")).isEqualTo(503);
			assertThat(leaf.index().generation()).isZero();
			leaf.http()
				.get()
				.uri("/v1/search?q=cat")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:dds-suite:problem:unavailable");

			TestCorpus.copyTo(Files.createDirectories(corpus));

			await().atMost(Duration.ofSeconds(10)).until(() -> leaf.status("/readyz") == 200);
			assertThat(leaf.index().generation()).isOne();
			assertThat(leaf.search("cat", 10).hits()).isNotEmpty();
		}
	}

}
