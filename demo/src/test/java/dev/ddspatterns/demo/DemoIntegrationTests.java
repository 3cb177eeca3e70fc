package dev.ddspatterns.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo, headless, as a newcomer's {@code ./demo.sh} would run it: every app from the
 * jars this build just packaged, real Redis servers, the whole tour, then nothing left
 * running. Runs last in the build, after every app module is packaged.
 */
class DemoIntegrationTests {

	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	@Test
	void everyTourStepPassesAndNothingIsLeftRunning() throws Exception {
		assertThat(Demo.runOnce(ROOT)).as("every app ready and every tour step passed").isTrue();
		List<Integer> ports = IntStream
			.concat(IntStream.of(8080, 8443, 8081, 8082, 8083, 8084, 8085, 8086, 6380, 6381),
					IntStream.concat(IntStream.rangeClosed(8090, 8093), IntStream.rangeClosed(6390, 6396)))
			.boxed()
			.toList();
		assertThat(ports).as("ports still listening after the demo stopped").filteredOn(this::listening).isEmpty();
	}

	private boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

}
