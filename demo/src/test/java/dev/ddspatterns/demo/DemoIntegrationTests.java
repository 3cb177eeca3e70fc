package dev.ddspatterns.demo;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo, headless, as a newcomer's {@code ./demo.sh} would run it: every app from the
 * jars this build just packaged, real Redis servers, the whole tour, then nothing left
 * running; after the tour, the pattern console in a real browser
 * ({@link ConsoleBrowserChecks}, whose panel pictures go to {@code target/console}). Runs
 * last in the build, after every app module is packaged.
 */
class DemoIntegrationTests {

	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	@Test
	void everyTourStepPassesAndNothingIsLeftRunning() throws Exception {
		assertThat(Stack.portsInUse()).as("the demo's ports, before it starts").isEmpty();
		ConsoleBrowserChecks console = new ConsoleBrowserChecks(Stack.CONSOLE_PORT, Path.of("target", "console"));
		assertThat(Demo.runOnce(ROOT, (stack) -> console.run()))
			.as("what failed: apps not ready, tour steps with what they printed, or the console's panels")
			.isEmpty();
		assertThat(Stack.portsInUse()).as("ports still listening after the demo stopped").isEmpty();
	}

}
