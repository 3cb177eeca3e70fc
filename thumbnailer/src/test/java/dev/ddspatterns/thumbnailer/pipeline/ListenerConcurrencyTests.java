package dev.ddspatterns.thumbnailer.pipeline;

import java.util.Map;

import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerConcurrencyTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class, ListenerConcurrency.class)
		.withPropertyValues("suite.thumbnailer.blob-dir=/var/lib/thumbnailer/blobs");

	@Test
	void everyStageRunsTwoThreadsByDefault() {
		this.runner.run((context) -> {
			assertThat(threads(context, ThumbnailWorkers.IMAGE_WORKER)).isEqualTo(2);
			assertThat(threads(context, "reduce")).isEqualTo(2);
		});
	}

	@Test
	void theWorkersTakeWorkerConcurrencyAndTheOtherStagesStageConcurrency() {
		this.runner
			.withPropertyValues("suite.thumbnailer.worker-concurrency=3", "suite.thumbnailer.stage-concurrency=1")
			.run((context) -> {
				assertThat(threads(context, ThumbnailWorkers.IMAGE_WORKER)).isEqualTo(3);
				assertThat(threads(context, ThumbnailWorkers.FRAME_WORKER)).isEqualTo(3);
				for (String stage : new String[] { "filter", "splitter", "copier", "join", "merger", "reduce",
						"notifier" }) {
					assertThat(threads(context, stage)).as(stage).isEqualTo(1);
				}
			});
	}

	@SuppressWarnings("unchecked")
	private static int threads(ApplicationContext context, String listenerId) {
		ConcurrentMessageListenerContainer<Object, Object> container = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("topic"));
		container.setBeanName(listenerId);
		ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> customizer = context
			.getBean("consumerThreads", ContainerCustomizer.class);
		customizer.configure(container);
		return container.getConcurrency();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ThumbnailerProperties.class)
	static class PropertiesOnly {

	}

}
