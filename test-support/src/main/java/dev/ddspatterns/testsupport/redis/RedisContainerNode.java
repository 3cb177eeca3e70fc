package dev.ddspatterns.testsupport.redis;

import dev.ddspatterns.testsupport.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A Redis server in a container (the official {@code redis} image). The host port is
 * fixed when the container is created, so it survives a stop and start; faults go through
 * the engine's own stop, kill, pause and unpause.
 */
final class RedisContainerNode implements RedisNode {

	/**
	 * The version containers/versions.env pins for the compose file and the system tests.
	 */
	static final DockerImageName IMAGE = DockerImageName.parse("redis:7.0.15");

	private static final int REDIS_PORT = 6379;

	private final String name;

	private final int hostPort;

	private final GenericContainer<?> container;

	@SuppressWarnings("resource")
	RedisContainerNode(String name, Network network, RedisContainerNode replicaOf) {
		this.name = name;
		this.hostPort = FreePorts.next();
		List<String> command = new ArrayList<>(List.of("redis-server", "--save", "", "--appendonly", "no"));
		if (replicaOf != null) {
			command.addAll(List.of("--replicaof", replicaOf.name, String.valueOf(REDIS_PORT)));
		}
		this.container = new GenericContainer<>(IMAGE).withNetwork(network)
			.withNetworkAliases(name)
			.withExposedPorts(REDIS_PORT)
			.withCommand(command.toArray(String[]::new))
			.withCreateContainerCmdModifier((create) -> create.getHostConfig()
				.withPortBindings(new PortBinding(Ports.Binding.bindPort(this.hostPort), new ExposedPort(REDIS_PORT))))
			.waitingFor((replicaOf != null) ? Wait.forLogMessage(".*MASTER <-> REPLICA sync: Finished.*", 1)
					: Wait.forLogMessage(".*Ready to accept connections.*", 1));
	}

	void start() {
		this.container.start();
	}

	void remove() {
		this.container.stop();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int port() {
		return this.hostPort;
	}

	@Override
	public void stop() {
		docker().stopContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public void kill() {
		docker().killContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public void pause() {
		docker().pauseContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public void resume() {
		docker().unpauseContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public void restart() {
		if (isRunning()) {
			stop();
		}
		docker().startContainerCmd(this.container.getContainerId()).exec();
		if (!RespProbe.awaitReply(address(), "PING", "PONG", Duration.ofSeconds(20), () -> true)) {
			throw new IllegalStateException(this.name + " did not answer after restart");
		}
	}

	@Override
	public boolean isRunning() {
		return Boolean.TRUE
			.equals(docker().inspectContainerCmd(this.container.getContainerId()).exec().getState().getRunning());
	}

	private static DockerClient docker() {
		return DockerClientFactory.instance().client();
	}

	@Override
	public String toString() {
		return this.name + "@" + host() + ":" + this.hostPort;
	}

}
