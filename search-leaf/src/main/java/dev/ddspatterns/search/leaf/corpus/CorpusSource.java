package dev.ddspatterns.search.leaf.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where a leaf's corpus comes from, and how to tell that it changed.
 *
 * <p>
 * Changes are found by polling a fingerprint rather than by a {@code WatchService}: file
 * events do not cross volume mounts, and git-sync publishes a new revision by swapping a
 * symbolic link, which no watch on the old target would see.
 */
public sealed interface CorpusSource {

	/**
	 * @return a value that changes whenever the corpus does, or empty while the corpus
	 * does not exist (yet)
	 * @throws UncheckedIOException if the corpus cannot be inspected right now
	 */
	Optional<String> fingerprint();

	/**
	 * @return every document of the corpus, sorted by id
	 * @throws UncheckedIOException if the corpus cannot be read right now
	 */
	List<CorpusDocument> read();

	/**
	 * A directory on disk, read recursively and reloaded when its fingerprint changes.
	 *
	 * @param root the corpus directory, possibly a symbolic link
	 */
	record Directory(Path root) implements CorpusSource {

		/**
		 * Hashes the directory's real path (a git-sync link swap changes it) and every
		 * corpus file's relative path, size and modification time.
		 */
		@Override
		public Optional<String> fingerprint() {
			if (!Files.isDirectory(this.root)) {
				return Optional.empty();
			}
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				update(digest, this.root.toRealPath().toString());
				for (Path file : CorpusReader.corpusFiles(this.root)) {
					BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
					update(digest, CorpusReader.relativePath(this.root, file));
					update(digest, attributes.size() + "@" + attributes.lastModifiedTime().toInstant());
				}
				return Optional.of(HexFormat.of().formatHex(digest.digest()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot inspect the corpus directory " + this.root, ex);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static void update(MessageDigest digest, String value) {
			digest.update(value.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
		}

		@Override
		public List<CorpusDocument> read() {
			return CorpusReader.read(this.root);
		}

		@Override
		public String toString() {
			return this.root.toString();
		}

	}

	/**
	 * A folder on the class path, such as the corpus shipped in the jar: it cannot
	 * change, so it is read once.
	 *
	 * @param location the folder, e.g. {@code corpus/}
	 */
	record Classpath(String location) implements CorpusSource {

		@Override
		public Optional<String> fingerprint() {
			return Optional.of("classpath:" + this.location);
		}

		@Override
		public List<CorpusDocument> read() {
			return CorpusReader.readClasspath(this.location);
		}

		@Override
		public String toString() {
			return "classpath:" + this.location;
		}

	}

}
