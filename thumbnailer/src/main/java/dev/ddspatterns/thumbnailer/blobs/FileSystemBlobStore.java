package dev.ddspatterns.thumbnailer.blobs;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A {@link BlobStore} in a directory every instance mounts. Each write goes to a
 * temporary file in the target's directory and is then renamed over the target, so a
 * crash mid-write leaves no half object and a repeated write replaces the first one
 * whole.
 */
public final class FileSystemBlobStore implements BlobStore {

	private static final String PARTIAL_SUFFIX = ".partial";

	private final Path root;

	public FileSystemBlobStore(Path root) throws IOException {
		this.root = Files.createDirectories(root.toAbsolutePath().normalize());
	}

	@Override
	public long put(String key, InputStream content, long maxBytes) throws IOException {
		Path target = resolve(key);
		Files.createDirectories(target.getParent());
		Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), PARTIAL_SUFFIX);
		try {
			long written = copyAtMost(content, partial, maxBytes);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return written;
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	@Override
	public void put(String key, byte[] content) throws IOException {
		put(key, new ByteArrayInputStream(content), content.length);
	}

	@Override
	public void putFile(String key, Path file) throws IOException {
		Path target = resolve(key);
		Files.createDirectories(target.getParent());
		try {
			Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			try (InputStream content = Files.newInputStream(file)) {
				put(key, content, Long.MAX_VALUE);
			}
			Files.delete(file);
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		return Files.newInputStream(resolve(key));
	}

	@Override
	public long size(String key) {
		try {
			return Files.size(resolve(key));
		}
		catch (IOException ex) {
			return -1;
		}
	}

	@Override
	public List<String> list(String prefix) throws IOException {
		Path dir = resolve(prefix);
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> !name.endsWith(PARTIAL_SUFFIX))
				.sorted()
				.map((name) -> prefix + name)
				.toList();
		}
	}

	/**
	 * Every file under the prefix, partial writes included: they take room too, and one
	 * that a crash left behind goes with the other objects under its prefix.
	 */
	@Override
	public List<StoredBlob> listAll(String prefix) throws IOException {
		List<StoredBlob> blobs = new ArrayList<>();
		Files.walkFileTree(resolve(prefix), new GoneIsFine() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (attributes.isRegularFile()) {
					blobs.add(new StoredBlob(key(file), attributes.size(), attributes.lastModifiedTime().toInstant()));
				}
				return FileVisitResult.CONTINUE;
			}

		});
		return blobs;
	}

	@Override
	public void deleteAll(String prefix) throws IOException {
		Path target = resolve(prefix);
		if (target.equals(this.root)) {
			throw new IllegalArgumentException("Refusing to delete the whole store");
		}
		Files.walkFileTree(target, new GoneIsFine() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.deleteIfExists(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException ex) throws IOException {
				super.postVisitDirectory(dir, ex);
				Files.deleteIfExists(dir);
				return FileVisitResult.CONTINUE;
			}

		});
	}

	@Override
	public long usableBytes() throws IOException {
		return Files.getFileStore(this.root).getUsableSpace();
	}

	@Override
	public Path localPath(String key) {
		return resolve(key);
	}

	private Path resolve(String key) {
		Path path = this.root.resolve(key).normalize();
		if (!path.startsWith(this.root) || key.contains("..")) {
			throw new IllegalArgumentException("Blob key escapes the store: " + key);
		}
		return path;
	}

	private String key(Path file) {
		return this.root.relativize(file).toString().replace(File.separatorChar, '/');
	}

	private static long copyAtMost(InputStream content, Path target, long maxBytes) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long written = 0;
		try (OutputStream out = Files.newOutputStream(target)) {
			for (int read = content.read(buffer); read != -1; read = content.read(buffer)) {
				written += read;
				if (written > maxBytes) {
					throw new TooLargeException(maxBytes);
				}
				out.write(buffer, 0, read);
			}
		}
		return written;
	}

	/**
	 * Walks a tree that other instances may be deleting from at the same time: what has
	 * gone meanwhile is skipped, any other failure is thrown.
	 */
	private static class GoneIsFine extends SimpleFileVisitor<Path> {

		@Override
		public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
			return skipIfGone(ex);
		}

		@Override
		public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException ex) throws IOException {
			return (ex != null) ? skipIfGone(ex) : FileVisitResult.CONTINUE;
		}

		private static FileVisitResult skipIfGone(IOException ex) throws IOException {
			if (ex instanceof NoSuchFileException) {
				return FileVisitResult.CONTINUE;
			}
			throw ex;
		}

	}

}
