package dev.ddspatterns.thumbnailer;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blob store's bounds bind with defaults that fit the shipped volume, and refuse at
 * start-up a bound no upload could ever fit under.
 */
class ThumbnailerPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class)
		.withPropertyValues("suite.thumbnailer.blob-dir=/var/lib/thumbnailer/blobs");

	@Test
	void theStoreKeepsAWeekWithinAGigabyteAndAQuarterOfOneFree() {
		this.runner.run((context) -> {
			ThumbnailerProperties properties = context.getBean(ThumbnailerProperties.class);
			assertThat(properties.retention()).isEqualTo(Duration.ofDays(7));
			assertThat(properties.storage().maxStored()).isEqualTo(DataSize.ofGigabytes(1));
			assertThat(properties.storage().minFree()).isEqualTo(DataSize.ofMegabytes(256));
			assertThat(properties.storage().sweepInterval()).isEqualTo(Duration.ofMinutes(1));
		});
	}

	@Test
	void theStoreMustHoldMoreThanOneSource() {
		this.runner
			.withPropertyValues("suite.thumbnailer.max-source-size=50MB", "suite.thumbnailer.storage.max-stored=50MB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("storage.max-stored must leave room for at least one source"));
	}

	@Test
	void sweepsAndRetentionTakeTime() {
		this.runner.withPropertyValues("suite.thumbnailer.storage.sweep-interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("sweep-interval must be positive"));
		this.runner.withPropertyValues("suite.thumbnailer.retention=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("retention must be positive"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ThumbnailerProperties.class)
	static class PropertiesOnly {

	}

}
