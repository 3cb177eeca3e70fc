package dev.ddspatterns.service;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of the {@code suite.*} settings apps can read, checked when the app starts.
 */
class SuitePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceSupportAutoConfiguration.class));

	@Test
	void bindsInstanceIdAndJsonSwitch() {
		this.runner.withPropertyValues("suite.instance-id=cache-1", "suite.logging.json=true").run((context) -> {
			SuiteProperties properties = context.getBean(SuiteProperties.class);
			assertThat(properties.instanceId()).isEqualTo("cache-1");
			assertThat(properties.logging().json()).isTrue();
		});
	}

	@Test
	void jsonLogsAreOffUnlessAskedFor() {
		this.runner.withPropertyValues("suite.instance-id=cache-1")
			.run((context) -> assertThat(context.getBean(SuiteProperties.class).logging().json()).isFalse());
	}

	@Test
	void blankInstanceIdIsRejectedAtStartup() {
		this.runner.withPropertyValues("suite.instance-id= ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("instanceId"));
	}

}
