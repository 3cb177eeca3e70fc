package dev.ddspatterns.thumbnailer.pipeline;

import java.util.Set;

import dev.ddspatterns.thumbnailer.ThumbnailerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * How many consumer threads each stage runs per instance, read from the typed properties
 * in one place rather than from a placeholder repeated on every {@code @KafkaListener}:
 * the two workers take {@code worker-concurrency}, every other stage
 * {@code stage-concurrency}. Spring Boot applies the customizer to each container its
 * listener factory creates, after the annotation's own settings, before the container
 * starts.
 */
@Configuration(proxyBeanMethods = false)
class ListenerConcurrency {

	/** The listeners of the two work queues. */
	static final Set<String> WORKERS = Set.of(ThumbnailWorkers.IMAGE_WORKER, ThumbnailWorkers.FRAME_WORKER);

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> consumerThreads(
			ThumbnailerProperties properties) {
		return (container) -> container.setConcurrency(WORKERS.contains(container.getListenerId())
				? properties.workerConcurrency() : properties.stageConcurrency());
	}

}
