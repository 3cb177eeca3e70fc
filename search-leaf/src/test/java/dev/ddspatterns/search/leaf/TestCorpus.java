package dev.ddspatterns.search.leaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.core.io.ClassPathResource;

/**
 * The small corpus under {@code src/test/resources/test-corpus}: 19 good documents in two
 * JSON-lines files, a Markdown and a text file, plus bad lines and files that must be
 * skipped.
 */
public final class TestCorpus {

	/** Class path folder of the test corpus. */
	public static final String LOCATION = "test-corpus/";

	/** The ids of its documents, sorted. */
	public static final List<String> IDS = List.of("notes/cat-and-dog.md", "notes/milk.txt", "t-001", "t-002", "t-003",
			"t-004", "t-005", "t-006", "t-007", "t-008", "t-009", "t-010", "t-011", "t-012", "t-013", "t-014", "t-015",
			"t-017", "t-018");

	private TestCorpus() {
	}

	/** The corpus folder in {@code target/test-classes}; read it, never write to it. */
	public static Path directory() {
		try {
			return new ClassPathResource(LOCATION).getFile().toPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Copies the corpus into a folder a test may change. */
	public static Path copyTo(Path target) {
		Path source = directory();
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path copy = target.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
