package dev.ddspatterns.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;

import dev.ddspatterns.testsupport.ContainerEngine;

/**
 * The suite's containers as the system tests run them: configured like docker-compose.yml
 * (environment variables only, the same memory limits), each one's output kept in
 * {@code target/system-tests/<name>.log}, and the faults the tests inject (pause, stop,
 * kill) sent to the engine as they would be by an operator.
 */
final class SuiteContainers {

	/** JVMs starting side by side on two cores take their time. */
	private static final Duration STARTUP = Duration.ofMinutes(4);

	private static final Path LOGS = Path.of("target", "system-tests");

	private SuiteContainers() {
	}

	/**
	 * Fails, rather than letting the tests skip, when no engine is reachable.
	 * @return a new network for one test class's containers
	 */
	static Network network() {
		ContainerEngine.require();
		return Network.newNetwork();
	}

	/**
	 * One of the suite's apps, ready once its {@code /readyz} answers 200.
	 * @param network the test's network
	 * @param module the app's module, which names its image
	 * @param name its host name on the network, and the name of its log
	 * @param port the port it serves on
	 * @return the container, not yet started
	 */
	static GenericContainer<?> app(Network network, String module, String name, int port) {
		return new GenericContainer<>(SuiteImages.app(module)).withNetwork(network)
			.withNetworkAliases(name)
			.withExposedPorts(port)
			// As docker-compose.yml starts them: the client compiler only, for start-up.
			.withEnv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1")
			.withCreateContainerCmdModifier((cmd) -> cmd.getHostConfig().withMemory(512L * 1024 * 1024))
			.withLogConsumer((frame) -> log(name, frame))
			.waitingFor(Wait.forHttp("/readyz").forPort(port).forStatusCode(200).withStartupTimeout(STARTUP));
	}

	/**
	 * A Redis server that keeps nothing on disk, as in docker-compose.yml.
	 * @param network the test's network
	 * @param name its host name on the network
	 * @return the container, not yet started
	 */
	static GenericContainer<?> redis(Network network, String name) {
		return new GenericContainer<>(SuiteImages.redis()).withNetwork(network)
			.withNetworkAliases(name)
			.withExposedPorts(6379)
			.withCommand("redis-server", "--save", "", "--appendonly", "no")
			.withLogConsumer((frame) -> log(name, frame))
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
	}

	/**
	 * Stops a test class's containers (those that were made) and removes its network.
	 * @param network the network, or {@code null} if it was never made
	 * @param containers the containers, any of them {@code null} if never made
	 */
	static void stop(Network network, GenericContainer<?>... containers) {
		for (GenericContainer<?> container : containers) {
			if (container != null) {
				container.stop();
			}
		}
		if (network != null) {
			network.close();
		}
	}

	/**
	 * The base URL of a started container's port, as seen from the test.
	 * @param container the container
	 * @param port its port inside
	 * @return e.g. {@code http://localhost:41234}
	 */
	static String url(GenericContainer<?> container, int port) {
		return "http://" + container.getHost() + ":" + container.getMappedPort(port);
	}

	/** Freezes every process of the container (SIGSTOP through the cgroup freezer). */
	static void pause(GenericContainer<?> container) {
		engine().pauseContainerCmd(container.getContainerId()).exec();
	}

	static void unpause(GenericContainer<?> container) {
		engine().unpauseContainerCmd(container.getContainerId()).exec();
	}

	private static DockerClient engine() {
		return DockerClientFactory.instance().client();
	}

	static void log(String name, OutputFrame frame) {
		try {
			Files.createDirectories(LOGS);
			Files.writeString(LOGS.resolve(name + ".log"), frame.getUtf8String(), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
