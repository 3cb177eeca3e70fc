package dev.ddspatterns.search.leaf.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * A corpus file found on the class path, with its path relative to the corpus folder.
 *
 * @param path relative path with {@code /}, which becomes the id of a text document
 * @param resource where to read it
 */
record ClasspathFile(String path, Resource resource) {

	String read() throws IOException {
		try (InputStream in = this.resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * Spring finds files of a folder on disk as file resources and files inside a jar as
	 * class path resources relative to the folder, so each kind tells its path its own
	 * way.
	 */
	static @Nullable String relativePath(ClassPathResource root, String rootPath, Resource resource)
			throws IOException {
		if (resource instanceof ClassPathResource classpath) {
			String path = classpath.getPath();
			return path.startsWith(rootPath) ? path.substring(rootPath.length()) : null;
		}
		if (resource.isFile() && root.isFile()) {
			Path directory = root.getFile().toPath();
			Path file = resource.getFile().toPath();
			return file.startsWith(directory) ? CorpusReader.relativePath(directory, file) : null;
		}
		String rootUrl = root.getURL().toExternalForm();
		String url = resource.getURL().toExternalForm();
		return url.startsWith(rootUrl) ? url.substring(rootUrl.length()) : null;
	}

}
