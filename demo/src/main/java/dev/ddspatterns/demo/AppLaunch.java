package dev.ddspatterns.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How the demo starts each app's JVM, so that a dozen of them start quickly on two cores
 * and fit in a small laptop's memory.
 * <ul>
 * <li>Small-footprint JVM options: the serial collector (one app, one small heap: no
 * concurrent collector threads or regions to pay for), a heap that starts small and
 * grows, the client compiler only.</li>
 * <li>The JDK's ahead-of-time cache (JEP 483, 514 and 515 on JDK 25; a class-data-sharing
 * archive on JDK 21 to 24): the classes an app loads and links while it starts, and on
 * JDK 25 its method profiles, recorded once per build by a training run that stops once
 * the application context is refreshed ({@code spring.context.exit=onRefresh}). The cache
 * needs the app as plain jars, so each jar is extracted first
 * ({@code -Djarmode=tools extract}).</li>
 * </ul>
 * A cache that could not be recorded is reported and the app starts without it: slower,
 * not broken.
 */
final class AppLaunch {

	/** Every app's JVM options, in training and in the demo alike. */
	static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx384m",
			"-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:TrimNativeHeapInterval=5000", "-Xss512k",
			"-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-XX:+ExitOnOutOfMemoryError");

	private static final Duration TRAINING_LIMIT = Duration.ofMinutes(3);

	/**
	 * {@code DEMO_STARTUP_CACHE=off} starts the apps without their caches (to compare).
	 */
	private static final boolean CACHE_ON = !"off".equals(System.getenv("DEMO_STARTUP_CACHE"));

	private final Path root;

	private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");

	private final int feature = Runtime.version().feature();

	private final Map<String, List<String>> prepared = new ConcurrentHashMap<>();

	AppLaunch(Path root) {
		this.root = root;
	}

	/**
	 * Extracts each app and records its start-up cache where this build has none yet, all
	 * at once.
	 * @param modules the apps' Maven modules with their executable jar's classifier, such
	 * as {@code search-leaf} → {@code -exec}
	 */
	void prepare(Map<String, String> modules) {
		// One training run per core: more at once only share the same cores, and the
		// memory.
		try (ExecutorService training = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
			modules.forEach((module, classifier) -> training.submit(() -> command(module, classifier)));
		}
	}

	/**
	 * @param module the app's Maven module
	 * @param classifier its executable jar's classifier, such as {@code -exec}, or empty
	 * @return the command line that starts it, without its own settings
	 */
	List<String> command(String module, String classifier) {
		return this.prepared.computeIfAbsent(module, (name) -> prepare(name, classifier));
	}

	private List<String> prepare(String module, String classifier) {
		Path jar = this.root.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT" + classifier + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build with ./mvnw -DskipTests package");
		}
		Path app = this.root.resolve(".demo/apps/" + module);
		try {
			String stamp = jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar) + " " + Runtime.version()
					+ " " + JVM_OPTIONS;
			Path stampFile = app.resolve("built-from.txt");
			if (!Files.isRegularFile(stampFile) || !Files.readString(stampFile).equals(stamp)) {
				deleteTree(app);
				Files.createDirectories(app);
				if (!run(app, List.of(this.java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
						"--force", "--destination", app.toString(), "--application-filename", "app.jar"))) {
					throw new IllegalStateException(
							"Could not extract " + jar + ": see " + app.resolve("training.log"));
				}
				record(app);
				Files.writeString(stampFile, stamp);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> command = new ArrayList<>(List.of(this.java.toString()));
		command.addAll(JVM_OPTIONS);
		if (CACHE_ON && Files.isRegularFile(cache(app))) {
			command.add(((this.feature >= 25) ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache(app));
		}
		else {
			System.out.println("   " + module + ": no start-up cache (see " + app.resolve("training.log")
					+ "); it starts without one");
		}
		command.addAll(List.of("-jar", app.resolve("app.jar").toString()));
		return command;
	}

	/**
	 * The training run: the app starts with no infrastructure behind it and stops once
	 * its context is refreshed, before anything connects or listens; what it loaded,
	 * linked and profiled until then is written to the cache as it exits.
	 */
	private void record(Path app) throws IOException {
		List<String> training = new ArrayList<>(List.of(this.java.toString()));
		training.addAll(JVM_OPTIONS);
		training.add(((this.feature >= 25) ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache(app));
		// No broker to create topics on: the thumbnailer's admin client would wait for
		// one.
		training.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", app.resolve("app.jar").toString(),
				"--server.port=0", "--spring.kafka.admin.auto-create=false"));
		if (!run(app, training)) {
			Files.deleteIfExists(cache(app));
		}
	}

	private static void deleteTree(Path folder) throws IOException {
		if (Files.isDirectory(folder)) {
			try (Stream<Path> paths = Files.walk(folder)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

	private Path cache(Path app) {
		return app.resolve((this.feature >= 25) ? "app.aot" : "app.jsa");
	}

	private static boolean run(Path app, List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(app.resolve("training.log").toFile()))
			.start();
		try {
			if (!process.waitFor(TRAINING_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
