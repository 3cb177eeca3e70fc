package dev.ddspatterns.search.leaf.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.ddspatterns.search.leaf.TestCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The fingerprint a leaf polls changes exactly when the corpus does. */
class CorpusSourceTests {

	@TempDir
	Path directory;

	@Test
	void aMissingDirectoryHasNoFingerprint() {
		assertThat(new CorpusSource.Directory(this.directory.resolve("not-yet")).fingerprint()).isEmpty();
	}

	@Test
	void fingerprintIsStableUntilAFileIsAddedChangedOrRemoved() throws IOException {
		CorpusSource source = new CorpusSource.Directory(TestCorpus.copyTo(this.directory));
		String original = source.fingerprint().orElseThrow();
		assertThat(source.fingerprint()).contains(original);

		Path added = this.directory.resolve("notes/new.md");
		Files.writeString(added, "# New\nA new document.");
		String withNewFile = source.fingerprint().orElseThrow();
		assertThat(withNewFile).isNotEqualTo(original);

		Files.writeString(added, "# New\nA new document, longer now.");
		assertThat(source.fingerprint().orElseThrow()).isNotIn(original, withNewFile);

		Files.delete(added);
		assertThat(source.fingerprint()).contains(original);
	}

	@Test
	void filesThatAreNotPartOfTheCorpusDoNotCount() throws IOException {
		CorpusSource source = new CorpusSource.Directory(TestCorpus.copyTo(this.directory));
		String original = source.fingerprint().orElseThrow();

		Files.writeString(this.directory.resolve("notes/picture.png"), "not text");
		Files.createDirectories(this.directory.resolve(".git"));
		Files.writeString(this.directory.resolve(".git/HEAD"), "ref: refs/heads/main");

		assertThat(source.fingerprint()).contains(original);
	}

	@Test
	void swappingTheLinkToANewRevisionChangesTheFingerprint() throws IOException {
		// git-sync publishes a revision by pointing a symbolic link at a new worktree.
		Path first = TestCorpus.copyTo(Files.createDirectories(this.directory.resolve("rev-1")));
		Path second = TestCorpus.copyTo(Files.createDirectories(this.directory.resolve("rev-2")));
		Path link = Files.createSymbolicLink(this.directory.resolve("current"), first);
		CorpusSource source = new CorpusSource.Directory(link);
		String before = source.fingerprint().orElseThrow();

		Path next = Files.createSymbolicLink(this.directory.resolve("current.next"), second);
		Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

		assertThat(source.fingerprint().orElseThrow()).isNotEqualTo(before);
		assertThat(source.read()).isEqualTo(CorpusReader.read(first));
	}

}
