package dev.ddspatterns.search.leaf;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaf's settings bind with safe defaults and reject impossible values at start-up.
 */
class SearchLeafPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaultsServeTheWholeShippedCorpusWithoutFaults() {
		this.runner.run((context) -> {
			SearchLeafProperties properties = context.getBean(SearchLeafProperties.class);
			assertThat(properties.shardIndex()).isZero();
			assertThat(properties.shardCount()).isOne();
			assertThat(properties.corpus()).isNull();
			assertThat(properties.reloadInterval()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.faults().delayFraction()).isZero();
			assertThat(properties.faults().failureRate()).isZero();
		});
	}

	@Test
	void aMissingCorpusDirectoryStillBinds() {
		this.runner.withPropertyValues("suite.search.leaf.corpus=/no/such/corpus")
			.run((context) -> assertThat(context.getBean(SearchLeafProperties.class).corpus())
				.hasToString("/no/such/corpus"));
	}

	@Test
	void aClasspathFolderOnDiskBindsAsItsPath() {
		this.runner.withPropertyValues("suite.search.leaf.corpus=classpath:" + TestCorpus.LOCATION)
			.run((context) -> assertThat(context.getBean(SearchLeafProperties.class).corpus())
				.isEqualTo(TestCorpus.directory()));
	}

	@Test
	void shardIndexMustBeBelowShardCount() {
		this.runner.withPropertyValues("suite.search.leaf.shard-index=2", "suite.search.leaf.shard-count=2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("shard-index must be below shard-count"));
	}

	@Test
	void faultRatesAreFractions() {
		this.runner.withPropertyValues("suite.search.leaf.faults.failure-rate=1.5")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("failureRate"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SearchLeafProperties.class)
	static class PropertiesOnly {

	}

}
