package dev.ddspatterns.thumbnailer.blobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

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

}
