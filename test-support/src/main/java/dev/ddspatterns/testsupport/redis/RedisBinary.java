package dev.ddspatterns.testsupport.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import redis.embedded.core.ExecutableProvider;

/**
 * Finds a real {@code redis-server}: the {@code REDIS_SERVER} environment variable, then
 * the {@code PATH}, then the binary that ships inside the embedded-redis jar, so a
 * machine with only a JDK still runs the real server.
 */
final class RedisBinary {

	private static volatile Path located;

	private RedisBinary() {
	}

	static Path locate() {
		Path path = located;
		if (path == null) {
			synchronized (RedisBinary.class) {
				path = located;
				if (path == null) {
					path = fromEnvironment().or(RedisBinary::fromPath).orElseGet(RedisBinary::fromJar);
					located = path;
				}
			}
		}
		return path;
	}

	private static Optional<Path> fromEnvironment() {
		return Optional.ofNullable(System.getenv("REDIS_SERVER")).map(Path::of).filter(Files::isExecutable);
	}

	private static Optional<Path> fromPath() {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream.of(path.split(File.pathSeparator))
			.filter((dir) -> !dir.isBlank())
			.map((dir) -> Path.of(dir, "redis-server"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static Path fromJar() {
		try {
			File binary = ExecutableProvider.newJarResourceProvider().get();
			binary.setExecutable(true);
			return binary.toPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No redis-server on the PATH and the embedded binary could not be unpacked",
					ex);
		}
	}

}
