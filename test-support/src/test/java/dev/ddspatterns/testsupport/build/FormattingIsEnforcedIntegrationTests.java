package dev.ddspatterns.testsupport.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build refuses misformatted code: a throw-away module that inherits the suite's
 * parent POM is built with the Maven wrapper, once with a misformatted class and once
 * with the same class formatted.
 */
class FormattingIsEnforcedIntegrationTests {

	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	private static final String POM = """
			<project xmlns="http://maven.apache.org/POM/4.0.0">
				<modelVersion>4.0.0</modelVersion>
				<parent>
					<groupId>dev.ddspatterns</groupId>
					<artifactId>dds-patterns</artifactId>
					<version>0.1.0-SNAPSHOT</version>
					<relativePath>%s</relativePath>
				</parent>
				<artifactId>format-check</artifactId>
			</project>
			""";

	private static final String MISFORMATTED = """
			package sample;
			public class Sample { public int answer( ) {return 42;} }
			""";

	private static final String FORMATTED = """
			package sample;

			public class Sample {

				public int answer() {
					return 42;
				}

			}
			""";

	@Test
	void misformattedJavaFailsTheBuildAndFormattedJavaPasses() throws Exception {
		Path project = Files.createTempDirectory(Path.of("target"), "format-check-").toAbsolutePath();
		Files.writeString(project.resolve("pom.xml"), POM.formatted(project.relativize(ROOT.resolve("pom.xml"))));
		Path source = project.resolve("src/main/java/sample/Sample.java");
		Files.createDirectories(source.getParent());

		Files.writeString(source, MISFORMATTED);
		Result misformatted = validate(project);
		assertThat(misformatted.exitCode()).isNotZero();
		assertThat(misformatted.output()).contains("Formatting violations").contains("Sample.java");

		Files.writeString(source, FORMATTED);
		Result formatted = validate(project);
		assertThat(formatted.exitCode()).as(formatted.output()).isZero();
	}

	private static Result validate(Path project) throws IOException, InterruptedException {
		Path log = project.resolve("build.log");
		Process maven = new ProcessBuilder(List.of(ROOT.resolve("mvnw").toString(), "-o", "-B", "-f",
				project.resolve("pom.xml").toString(), "validate"))
			.directory(ROOT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!maven.waitFor(5, TimeUnit.MINUTES)) {
			maven.destroyForcibly();
			throw new IllegalStateException("Maven did not finish");
		}
		return new Result(maven.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String output) {
	}

}
