package dev.ddspatterns.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./demo.sh}: starts the stack, prints what runs where, runs the tour, and stops
 * everything on Ctrl-C. {@code --ci} stops after the tour and exits non-zero if a step
 * failed; {@code --no-tour} only starts.
 */
public final class Demo {

	static final String TOUR_REQUEST = ".demo/tour.request";

	static final String TOUR_OUTPUT = ".demo/tour.txt";

	private Demo() {
	}

	public static void main(String[] args) throws Exception {
		Set<String> options = Set.of(args);
		Path root = Path.of(System.getProperty("demo.root", ".")).toAbsolutePath().normalize();
		List<Integer> busy = Stack.portsInUse();
		if (!busy.isEmpty()) {
			System.out.println("Ports " + busy + " are in use: is a demo still running? ./demo.sh stop ends it.");
			System.exit(1);
		}
		Stack stack = new Stack(root);
		CountDownLatch stopped = new CountDownLatch(1);
		// Ctrl-C, ./demo.sh stop or a plain kill, at any moment: nothing is left running.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("Stopping everything the demo started ...");
			stack.close();
			stopped.countDown();
		}));
		if (options.contains("--ci")) {
			boolean passed = start(root, stack).isEmpty() && new Tour(stack).run().isEmpty();
			stack.close();
			System.exit(passed ? 0 : 1);
		}
		if (!start(root, stack).isEmpty()) {
			System.exit(1);
		}
		if (!options.contains("--no-tour")) {
			new Tour(stack).run();
		}
		System.out.println("Running. Ctrl-C (or ./demo.sh stop) stops everything; ./demo.sh tour runs the tour again.");
		Path request = root.resolve(TOUR_REQUEST);
		while (!stopped.await(500, TimeUnit.MILLISECONDS)) {
			if (Files.deleteIfExists(request)) {
				tourAgain(root, stack);
			}
		}
	}

	/**
	 * {@code ./demo.sh tour}, from another terminal, asks for the tour by creating
	 * {@link #TOUR_REQUEST} and follows {@link #TOUR_OUTPUT}, where this writes it as
	 * well as to its own console.
	 */
	private static void tourAgain(Path root, Stack stack) throws IOException {
		PrintStream console = System.out;
		try (OutputStream file = Files.newOutputStream(root.resolve(TOUR_OUTPUT))) {
			System.setOut(new PrintStream(new TeeOutputStream(console, file), true, StandardCharsets.UTF_8));
			new Tour(stack).run();
		}
		finally {
			System.setOut(console);
		}
	}

	/**
	 * Starts everything, runs the tour and stops everything: what {@code --ci} and the
	 * demo's integration test do.
	 * @param root the repository's root folder
	 * @return what went wrong: the apps not ready, or the failed tour steps with what
	 * each printed; empty when everything started and every step passed
	 */
	static List<String> runOnce(Path root, AfterTour afterTour) throws Exception {
		try (Stack stack = new Stack(root)) {
			List<String> late = start(root, stack);
			if (!late.isEmpty()) {
				return List.of("not ready in time: " + late + "; their logs are in " + stack.logs());
			}
			List<String> failed = new ArrayList<>(
					new Tour(stack).run().stream().map(Tour.FailedStep::transcript).toList());
			failed.addAll(afterTour.check(stack));
			return failed;
		}
	}

	/**
	 * More checks against the running demo, once the tour is done.
	 */
	@FunctionalInterface
	interface AfterTour {

		/**
		 * @param stack the running demo
		 * @return what failed, one line each
		 * @throws Exception if the checks could not run
		 */
		List<String> check(Stack stack) throws Exception;

	}

	/**
	 * Starts the infrastructure and the apps and waits for them.
	 * @return the names of the apps that were not ready in time; empty when all were
	 */
	private static List<String> start(Path root, Stack stack) throws Exception {
		Files.writeString(root.resolve(".demo/demo.pid"), String.valueOf(ProcessHandle.current().pid()));
		long preparing = System.nanoTime();
		stack.prepareApps();
		long prepared = Duration.ofNanos(System.nanoTime() - preparing).toMillis();
		if (prepared > 1000) {
			System.out.printf("Apps extracted and their start-up caches recorded in %.1f s (once per build)%n",
					prepared / 1000.0);
		}
		long started = System.nanoTime();
		System.out.println("Starting Redis servers and a Kafka broker ...");
		stack.startInfrastructure();
		writePids(root, stack);
		System.out.println("Starting the apps (logs in " + root.relativize(stack.logs()) + ") ...");
		stack.startApps();
		writePids(root, stack);
		List<AppProcess> late = stack.awaitReady(Duration.ofMinutes(5));
		Duration startUp = Duration.ofNanos(System.nanoTime() - started);
		printTable(stack);
		System.out.printf("%s %.1f s%s%n%n", late.isEmpty() ? "All ready in" : "Not all ready after",
				startUp.toMillis() / 1000.0,
				stack.residentBytes()
					.stream()
					.mapToObj((bytes) -> String.format("; %.2f GB resident (every process above and the demo's own)",
							bytes / 1e9))
					.findFirst()
					.orElse(""));
		System.out.printf("Watch every pattern live in the pattern console: http://localhost:%d/%n%n",
				Stack.CONSOLE_PORT);
		List<String> names = late.stream().map(AppProcess::name).toList();
		if (!names.isEmpty()) {
			System.out.println("Not ready: " + names + " — see their logs.");
		}
		return names;
	}

	private static void printTable(Stack stack) {
		System.out.println();
		System.out.printf("%-22s %-28s %s%n", "what", "where", "ready");
		stack.redis()
			.values()
			.forEach((redis) -> System.out.printf("%-22s %-28s %s%n", "redis " + redis.name(),
					redis.host() + ":" + redis.port(), redis.isRunning() ? "yes" : "NO"));
		System.out.printf("%-22s %-28s %s%n", "kafka (KRaft)", stack.kafka(), "yes");
		System.out.printf("%-22s %-28s %s%n", "tour origin", stack.origin().origin(), "yes");
		stack.apps()
			.values()
			.forEach((app) -> System.out.printf("%-22s %-28s %s%n", app.name(), app.uri(), app.ready() ? "yes" : "NO"));
		System.out.printf("%-22s %-28s %s%n", "gateway (HTTPS)", "https://localhost:8443",
				"curl --cacert .demo/tls/authority.crt");
	}

	private static void writePids(Path root, Stack stack) throws IOException {
		StringBuilder pids = new StringBuilder();
		stack.apps()
			.values()
			.stream()
			.filter(AppProcess::isRunning)
			.forEach((app) -> pids.append(app.pid()).append('\n'));
		stack.redis().values().forEach((redis) -> pids.append(redis.pid()).append('\n'));
		Files.writeString(root.resolve(".demo/children.pid"), pids);
	}

}
