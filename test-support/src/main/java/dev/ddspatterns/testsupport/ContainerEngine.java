package dev.ddspatterns.testsupport;

import java.util.function.BooleanSupplier;

import org.testcontainers.DockerClientFactory;

/**
 * The guard in front of container mode: asking for containers on a machine without a
 * reachable engine is a configuration error, so it fails loudly instead of letting the
 * tests skip and the build go green.
 */
public final class ContainerEngine {

	static final String UNAVAILABLE_MESSAGE = """
			-Dtest.infra=containers was given, but no container engine is reachable.
			Start Docker, or Podman's API service (podman system service) with DOCKER_HOST pointing at it,
			or run without -Dtest.infra=containers to use local redis-server and Kafka processes.""";

	private ContainerEngine() {
	}

	/**
	 * Fails unless Testcontainers can reach a container engine.
	 * @throws IllegalStateException with a message that says what to do
	 */
	public static void require() {
		require(() -> DockerClientFactory.instance().isDockerAvailable());
	}

	static void require(BooleanSupplier engineReachable) {
		if (!engineReachable.getAsBoolean()) {
			throw new IllegalStateException(UNAVAILABLE_MESSAGE);
		}
	}

}
