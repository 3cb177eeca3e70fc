package dev.ddspatterns.thumbnailer.pipeline;

import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The {@code pipeline} health contributor: one indicator per stage's listener container
 * ({@code /actuator/health/pipeline/reduce}, ...), down when the container, or one of its
 * consumer threads, has stopped. A stage whose records nobody consumes is an instance
 * that can no longer do its work, although the JVM is up: the contributor is in the
 * readiness <em>and</em> the liveness group, so Kubernetes restarts the pod (compose
 * marks the container unhealthy). {@link StageBoundary} keeps a failing record from
 * stopping a container; this is the net below it.
 */
@Component("pipeline")
class PipelineHealth implements CompositeHealthContributor {

	private final KafkaListenerEndpointRegistry listeners;

	PipelineHealth(KafkaListenerEndpointRegistry listeners) {
		this.listeners = listeners;
	}

	@Override
	public @Nullable HealthContributor getContributor(String stage) {
		MessageListenerContainer container = this.listeners.getListenerContainer(stage);
		return (container != null) ? indicator(container) : null;
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return this.listeners.getListenerContainerIds()
			.stream()
			.sorted()
			.map((stage) -> new HealthContributors.Entry(stage, getContributor(stage)));
	}

	private static HealthIndicator indicator(MessageListenerContainer container) {
		return () -> {
			List<? extends MessageListenerContainer> consumers = (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent)
					? concurrent.getContainers() : List.of(container);
			long running = consumers.stream().filter(MessageListenerContainer::isRunning).count();
			Health.Builder health = (container.isRunning() && running == consumers.size()) ? Health.up()
					: Health.down();
			return health.withDetail("consumers", consumers.size()).withDetail("running", running).build();
		};
	}

}
