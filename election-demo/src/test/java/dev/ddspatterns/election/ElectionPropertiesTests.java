package dev.ddspatterns.election;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ElectionPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@Test
	void theDefaultsRenewThreeTimesPerTtlStopActingAThirtiethEarlyAndNeverExit() {
		this.runner.run((context) -> {
			ElectionProperties properties = context.getBean(ElectionProperties.class);
			assertThat(properties.leaseTtl()).isEqualTo(Duration.ofSeconds(3));
			assertThat(properties.renewInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.tickInterval()).isEqualTo(Duration.ofMillis(200));
			assertThat(properties.shards()).isEqualTo(16);
			assertThat(properties.watchdog().exitOnExpiry()).isFalse();
			assertThat(properties.watchdog().margin()).isEqualTo(Duration.ofMillis(100));
		});
	}

	@Test
	void theWatchdogsMarginFollowsTheTtlUnlessSet() {
		this.runner.withPropertyValues("suite.election.lease-ttl=1500ms")
			.run((context) -> assertThat(context.getBean(ElectionProperties.class).watchdog().margin())
				.isEqualTo(Duration.ofMillis(50)));
		this.runner.withPropertyValues("suite.election.watchdog.margin=250ms")
			.run((context) -> assertThat(context.getBean(ElectionProperties.class).watchdog().margin())
				.isEqualTo(Duration.ofMillis(250)));
	}

	@Test
	void aMarginThatLeavesNoTimeToRenewIsRefusedAtStartup() {
		for (String margin : new String[] { "2s", "3s", "-1ms" }) {
			this.runner.withPropertyValues("suite.election.watchdog.margin=" + margin)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("suite.election.watchdog.margin (")
					.hasMessageContaining("shorter than the lease-ttl less the renew-interval (PT2S)"));
		}
		this.runner.withPropertyValues("suite.election.watchdog.margin=1999ms")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void theRenewalIntervalFollowsTheTtlUnlessSet() {
		this.runner.withPropertyValues("suite.election.lease-ttl=1500ms")
			.run((context) -> assertThat(context.getBean(ElectionProperties.class).renewInterval())
				.isEqualTo(Duration.ofMillis(500)));
	}

	@Test
	void aRenewalIntervalThatIsNotShorterThanTheTtlIsRefusedAtStartup() {
		this.runner.withPropertyValues("suite.election.lease-ttl=2s", "suite.election.renew-interval=2s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must be positive and shorter than suite.election.lease-ttl"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ElectionProperties.class)
	static class Properties {

	}

}
