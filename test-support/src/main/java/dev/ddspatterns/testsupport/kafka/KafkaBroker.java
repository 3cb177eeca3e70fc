package dev.ddspatterns.testsupport.kafka;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ddspatterns.testsupport.ContainerEngine;
import dev.ddspatterns.testsupport.InfrastructureMode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker in KRaft mode for a test class: spring-kafka-test's broker in the
 * test JVM by default, the official {@code apache/kafka} image in container mode.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final KafkaBroker kafka = KafkaBroker.kraft();
 *
 * &#64;DynamicPropertySource
 * static void kafka(DynamicPropertyRegistry registry) {
 *     registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
 * }
 * </pre>
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

	/**
	 * The version containers/versions.env pins for the compose file and the system tests.
	 */
	static final String IMAGE = "apache/kafka:4.1.2";

	private EmbeddedKafkaKraftBroker embedded;

	private KafkaContainer container;

	private KafkaBroker() {
	}

	/**
	 * @return a single-node KRaft broker
	 */
	public static KafkaBroker kraft() {
		return new KafkaBroker();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start(InfrastructureMode.of(context));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/**
	 * Starts the broker; {@link #beforeAll} does this for tests.
	 * @param mode processes or containers
	 */
	public synchronized void start(InfrastructureMode mode) {
		if (this.embedded != null || this.container != null) {
			return;
		}
		if (mode == InfrastructureMode.CONTAINERS) {
			ContainerEngine.require();
			this.container = new KafkaContainer(IMAGE);
			this.container.start();
		}
		else {
			EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
			broker.brokerProperty("auto.create.topics.enable", "false");
			broker.afterPropertiesSet();
			this.embedded = broker;
		}
	}

	/** Stops the broker. */
	public synchronized void close() {
		if (this.embedded != null) {
			this.embedded.destroy();
			this.embedded = null;
		}
		if (this.container != null) {
			this.container.stop();
			this.container = null;
		}
	}

	/**
	 * @return the {@code host:port} list clients bootstrap from
	 */
	public synchronized String bootstrapServers() {
		if (this.embedded != null) {
			return this.embedded.getBrokersAsString();
		}
		if (this.container != null) {
			return this.container.getBootstrapServers();
		}
		throw new IllegalStateException(
				"Kafka is not started: register KafkaBroker with @RegisterExtension on a static field");
	}

	/**
	 * Creates topics and waits until the broker has them.
	 * @param partitions partitions per topic
	 * @param names topic names
	 */
	public void createTopics(int partitions, String... names) {
		withAdmin((admin) -> admin
			.createTopics(Arrays.stream(names).map((name) -> new NewTopic(name, partitions, (short) 1)).toList())
			.all()
			.get(30, TimeUnit.SECONDS));
	}

	/**
	 * @return the names of the topics on the broker
	 */
	public Set<String> topics() {
		return withAdmin((admin) -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
	}

	private <T> T withAdmin(AdminCall<T> call) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			return call.apply(admin);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka admin call failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface AdminCall<T> {

		T apply(Admin admin) throws ExecutionException, TimeoutException, InterruptedException;

	}

}
