package dev.ddspatterns.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.testcontainers.utility.DockerImageName;

/**
 * The images under test, by the names docker-compose.yml uses: the apps' own
 * ({@code dds-patterns/<module>:<version>}, built by containers/build-app-images.sh) and
 * the pinned upstream ones from containers/versions.env (built locally here as
 * stand-ins).
 */
final class SuiteImages {

	private static final Map<String, String> PINNED = variables(root().resolve("containers/versions.env"));

	private SuiteImages() {
	}

	/**
	 * The image of one of the suite's apps, at the version under test.
	 * @param module the app's module (e.g. {@code search-leaf})
	 * @return its image name
	 */
	static DockerImageName app(String module) {
		return DockerImageName.parse("dds-patterns/" + module + ":" + System.getProperty("suite.version"));
	}

	static DockerImageName redis() {
		return pinned("REDIS_IMAGE");
	}

	static DockerImageName kafka() {
		return pinned("KAFKA_IMAGE");
	}

	/** The repository's root, where corpus/ and containers/ are. */
	static Path root() {
		return Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
	}

	private static DockerImageName pinned(String variable) {
		String image = PINNED.get(variable);
		if (image == null) {
			throw new IllegalStateException(variable + " is not set in containers/versions.env");
		}
		return DockerImageName.parse(image);
	}

	/**
	 * The variables of an env file as compose reads them ({@code NAME=value} lines,
	 * {@code #} comments).
	 * @param file the file
	 * @return its variables by name
	 */
	static Map<String, String> variables(Path file) {
		try {
			return Files.readAllLines(file)
				.stream()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#") && line.contains("="))
				.collect(Collectors.toMap((line) -> line.substring(0, line.indexOf('=')),
						(line) -> line.substring(line.indexOf('=') + 1)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
