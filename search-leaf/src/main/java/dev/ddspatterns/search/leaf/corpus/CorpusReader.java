package dev.ddspatterns.search.leaf.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads a whole corpus into documents, the same way for a directory and for the corpus
 * shipped on the class path. Public so that a test can build one index over the whole
 * corpus exactly as the leaves build theirs over a shard of it.
 *
 * <p>
 * The result is sorted by id; when an id occurs twice the first occurrence (by path, then
 * line) wins and the other is logged and dropped, because the id is both the sharding key
 * and the final tie-breaker of the ranking. Unreadable files are logged and skipped.
 */
public final class CorpusReader {

	private static final Logger log = LoggerFactory.getLogger(CorpusReader.class);

	private CorpusReader() {
	}

	/**
	 * @param directory the corpus root, read recursively, following symbolic links
	 * @return every document, sorted by id
	 * @throws UncheckedIOException if the directory cannot be walked
	 */
	public static List<CorpusDocument> read(Path directory) {
		List<CorpusDocument> documents = new ArrayList<>();
		for (Path file : corpusFiles(directory)) {
			String path = relativePath(directory, file);
			try {
				documents.addAll(CorpusFormats.documents(path, Files.readString(file, StandardCharsets.UTF_8)));
			}
			catch (IOException ex) {
				log.warn("Skipping {}: cannot read it as UTF-8 ({})", file, ex.toString());
			}
		}
		return uniqueById(documents);
	}

	/**
	 * @param location a class path folder such as {@code corpus/}
	 * @return every document below it, sorted by id; none if the folder does not exist
	 * @throws UncheckedIOException if the class path cannot be searched
	 */
	public static List<CorpusDocument> readClasspath(String location) {
		String root = location.endsWith("/") ? location : location + "/";
		List<CorpusDocument> documents = new ArrayList<>();
		try {
			ClassPathResource rootResource = new ClassPathResource(root);
			if (!rootResource.exists()) {
				log.warn("No corpus on the class path at {}", root);
				return List.of();
			}
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:" + root + "**/*");
			List<ClasspathFile> files = new ArrayList<>();
			for (Resource resource : resources) {
				String path = ClasspathFile.relativePath(rootResource, root, resource);
				if (path != null && CorpusFormats.isCorpusFile(path) && resource.isReadable()) {
					files.add(new ClasspathFile(path, resource));
				}
			}
			files.sort(Comparator.comparing(ClasspathFile::path));
			for (ClasspathFile file : files) {
				documents.addAll(CorpusFormats.documents(file.path(), file.read()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the corpus at classpath:" + root, ex);
		}
		return uniqueById(documents);
	}

	static List<Path> corpusFiles(Path directory) {
		try (Stream<Path> walk = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
			return walk.filter(Files::isRegularFile)
				.filter((file) -> CorpusFormats.isCorpusFile(file.getFileName().toString()))
				.filter((file) -> !isHidden(directory.relativize(file)))
				.sorted(Comparator.comparing((Path file) -> relativePath(directory, file)))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot walk the corpus directory " + directory, ex);
		}
	}

	static String relativePath(Path directory, Path file) {
		return directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
	}

	/**
	 * Dot-files and dot-folders, such as git-sync's {@code .git} or a half-written tmp.
	 */
	private static boolean isHidden(Path relative) {
		for (Path part : relative) {
			if (part.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

	private static List<CorpusDocument> uniqueById(List<CorpusDocument> documents) {
		Set<String> seen = new HashSet<>();
		List<CorpusDocument> unique = new ArrayList<>(documents.size());
		for (CorpusDocument document : documents) {
			if (seen.add(document.id())) {
				unique.add(document);
			}
			else {
				log.warn("Skipping a second document with id {}", document.id());
			}
		}
		unique.sort(Comparator.comparing(CorpusDocument::id));
		return List.copyOf(unique);
	}

}
