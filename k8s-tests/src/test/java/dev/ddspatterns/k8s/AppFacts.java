package dev.ddspatterns.k8s;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What each app really accepts, read from its executable jar, the one its image is built
 * from: its configuration properties (the metadata the configuration processor wrote for
 * the app and for every library in {@code BOOT-INF/lib}) and its HTTP port. The jars are
 * this module's test dependencies, so Maven builds the apps first and puts each jar on
 * the test class path, where it is found by name.
 */
final class AppFacts {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private static final List<String> METADATA = List.of("META-INF/spring-configuration-metadata.json",
			"META-INF/additional-spring-configuration-metadata.json");

	private final Path workDir;

	private final Map<String, App> apps = new ConcurrentHashMap<>();

	AppFacts(Path workDir) {
		this.workDir = workDir;
	}

	/**
	 * The port the app listens on: its {@code server.port}, else the one its image
	 * exposes.
	 */
	int port(String module) {
		return app(module).port();
	}

	/**
	 * Whether an environment variable binds to a configuration property of the app, by
	 * Spring Boot's rules for environment variables: {@code SUITE_CACHE_SHARDS_0_PRIMARY}
	 * is {@code suite.cache.shards[0].primary}.
	 */
	boolean binds(String module, String variable) {
		List<String> segments = Arrays.asList(variable.toUpperCase(Locale.ROOT).split("_"));
		App app = app(module);
		for (Map.Entry<String, String> property : app.properties().entrySet()) {
			List<String> name = Arrays.asList(PropertyShapes.envName(property.getKey().replace('.', '_')).split("_"));
			if (segments.size() >= name.size() && segments.subList(0, name.size()).equals(name)
					&& app.shapes()
						.accepts(property.getValue().isEmpty() ? null : property.getValue(),
								segments.subList(name.size(), segments.size()))) {
				return true;
			}
		}
		return false;
	}

	private App app(String module) {
		return this.apps.computeIfAbsent(module, this::read);
	}

	private App read(String module) {
		Path jar = executableJar(module);
		Map<String, String> properties = new HashMap<>();
		Integer port = null;
		try (JarFile file = new JarFile(jar.toFile())) {
			for (JarEntry entry : file.stream().toList()) {
				// The app's own metadata: Boot's repackaging moves its META-INF to the
				// jar's root.
				if (METADATA.stream()
					.anyMatch((m) -> entry.getName().equals(m) || entry.getName().equals("BOOT-INF/classes/" + m))) {
					readMetadata(file.getInputStream(entry), properties);
				}
				else if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
					readNestedMetadata(file.getInputStream(entry), properties);
				}
				else if (entry.getName().matches("BOOT-INF/classes/[^/]+\\.(yml|yaml|properties)")) {
					port = (port != null) ? port : serverPort(entry.getName(), file.getInputStream(entry));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + jar, ex);
		}
		int appPort = (port != null) ? port : imagePort(module);
		return new App(properties, appPort, new PropertyShapes(new AppClasses(jar, this.workDir.resolve(module))));
	}

	private static void readNestedMetadata(InputStream nestedJar, Map<String, String> properties) throws IOException {
		ZipInputStream zip = new ZipInputStream(nestedJar);
		for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
			if (METADATA.contains(entry.getName())) {
				readMetadata(zip, properties);
			}
		}
	}

	private static void readMetadata(InputStream json, Map<String, String> properties) throws IOException {
		JsonNode metadata = JSON.readTree(json.readAllBytes());
		for (JsonNode property : metadata.path("properties")) {
			String type = property.hasNonNull("type") ? property.get("type").asText() : null;
			properties.merge(property.get("name").asText(), (type != null) ? type : "", (a, b) -> a.isEmpty() ? b : a);
		}
	}

	private static Integer serverPort(String name, InputStream config) throws IOException {
		if (name.endsWith(".properties")) {
			Properties properties = new Properties();
			properties.load(config);
			String port = properties.getProperty("server.port");
			return (port != null) ? Integer.valueOf(port.trim()) : null;
		}
		JsonNode port = YAML.readTree(config).path("server").path("port");
		return port.isInt() ? port.asInt() : null;
	}

	/** The app's module declares the ports its image exposes, first the HTTP one. */
	private static int imagePort(String module) {
		Path pom = Path.of(System.getProperty("k8s.apps.dir", "..")).resolve(module).resolve("pom.xml");
		try {
			String text = Files.readString(pom);
			String ports = text.replaceAll("(?s).*<jib.container.ports>([^<]+)</jib.container.ports>.*", "$1");
			return Integer.parseInt(ports.split(",")[0].trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + pom, ex);
		}
	}

	private static Path executableJar(String module) {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map(Path::of)
			.filter((path) -> path.getFileName().toString().startsWith(module + "-")
					&& path.getFileName().toString().endsWith(".jar") && isExecutable(path))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No executable jar of " + module
					+ " on the test class path: is it a dependency of k8s-tests, and packaged?"));
	}

	private static boolean isExecutable(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getEntry("BOOT-INF/classes/") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private record App(Map<String, String> properties, int port, PropertyShapes shapes) {
	}

}
