package dev.ddspatterns.search.leaf.corpus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus file is whatever the content-sync sidecar put in the volume: any text under
 * any name must give documents or none, never an exception that would keep the shard from
 * loading, and every document it gives has a usable id. The input is the file's path, a
 * newline, then its text.
 */
class CorpusFormatsFuzzTests {

	@FuzzTest
	void anyFileGivesDocumentsWithIdsOrNone(byte[] input) {
		String file = new String(input, StandardCharsets.UTF_8);
		int newline = file.indexOf('\n');
		String path = (newline < 0) ? file : file.substring(0, newline);
		String text = (newline < 0) ? "" : file.substring(newline + 1);

		boolean corpusFile = CorpusFormats.isCorpusFile(path);
		List<CorpusDocument> documents = CorpusFormats.documents(path, text);

		String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
		assertThat(corpusFile).isEqualTo((name.endsWith(".jsonl") || name.endsWith(".txt") || name.endsWith(".md"))
				&& !name.startsWith("readme."));
		long nonBlankLines = text.lines().filter((line) -> !line.isBlank()).count();
		assertThat(documents).hasSizeLessThanOrEqualTo((int) nonBlankLines);
		if (path.toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
			assertThat(documents).allSatisfy((document) -> {
				assertThat(document.id()).isNotBlank().isEqualTo(document.id().strip());
				assertThat(document.title()).isEqualTo(document.title().strip());
			});
		}
		else {
			assertThat(documents).hasSize((nonBlankLines > 0) ? 1 : 0).allSatisfy((document) -> {
				assertThat(document.id()).isEqualTo(path);
				assertThat(document.body()).isEqualTo(text);
				assertThat(document.title()).isEqualTo(document.title().strip());
			});
		}
	}

}
