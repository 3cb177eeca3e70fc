package dev.ddspatterns.search.leaf.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.ddspatterns.search.leaf.TestCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A corpus is read from any mix of files, and nothing in it can crash the reader. */
class CorpusReaderTests {

	@TempDir
	Path directory;

	@Test
	void readsJsonLinesTextAndMarkdownRecursivelySortedById() {
		List<CorpusDocument> documents = CorpusReader.read(TestCorpus.directory());

		assertThat(documents).extracting(CorpusDocument::id).containsExactlyElementsOf(TestCorpus.IDS);
		assertThat(documents.get(2)).isEqualTo(new CorpusDocument("t-001", "The Cat and the Dog",
				"A cat and a dog shared a warm kitchen. The dog guarded the door while the cat watched the mice."));
	}

	@Test
	void aTextFileIsOneDocumentTitledByItsFirstLine() {
		List<CorpusDocument> documents = CorpusReader.read(TestCorpus.directory());

		CorpusDocument markdown = documents.get(0);
		assertThat(markdown.id()).isEqualTo("notes/cat-and-dog.md");
		assertThat(markdown.title()).isEqualTo("A Note on Cats and Dogs");
		assertThat(markdown.body()).startsWith("\n\n# A Note on Cats and Dogs\n").contains("get back to you.");
		assertThat(documents.get(1).title()).isEqualTo("The Milkmaid and Her Pail");
	}

	@Test
	void badLinesDuplicatesBlankAndForeignFilesAreSkipped() {
		List<CorpusDocument> documents = CorpusReader.read(TestCorpus.directory());

		assertThat(documents).extracting(CorpusDocument::id)
			.doesNotContain("t-016", "notes/blank.txt", "notes/ignored.csv", "README.md");
		assertThat(documents).extracting(CorpusDocument::title).doesNotContain("Duplicate", "No id");
	}

	@Test
	void unreadableAndHiddenFilesAreSkipped() throws IOException {
		Files.writeString(this.directory.resolve("good.md"), "# Good\nA good document.");
		Files.write(this.directory.resolve("latin1.txt"), new byte[] { 'c', 'a', 'f', (byte) 0xE9 });
		Files.createDirectories(this.directory.resolve(".git"));
		Files.writeString(this.directory.resolve(".git/README.md"), "# Hidden\nNot part of the corpus.");

		assertThat(CorpusReader.read(this.directory)).extracting(CorpusDocument::id).containsExactly("good.md");
	}

	@Test
	void theClasspathCorpusReadsLikeTheSameDirectory() {
		assertThat(CorpusReader.readClasspath(TestCorpus.LOCATION))
			.containsExactlyElementsOf(CorpusReader.read(TestCorpus.directory()));
	}

	@Test
	void aMissingClasspathFolderHasNoDocuments() {
		assertThat(CorpusReader.readClasspath("no/such/corpus/")).isEmpty();
	}

}
