package dev.ddspatterns.service.faults;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault switches are off unless enabled, and cannot be enabled without a token.
 */
class FaultSwitchAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FaultSwitchAutoConfiguration.class))
		.withBean(FaultSwitch.class, () -> new FaultSwitch.Simple("freeze", "Nothing is answered"));

	@Test
	void byDefaultThereIsNoFaultEndpoint() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FaultSwitchController.class));
	}

	@Test
	void enabledWithATokenTheSwitchesAreServed() {
		this.runner.withPropertyValues("suite.faults.enabled=true", "suite.faults.token=sixteen-chars-at-least")
			.run((context) -> assertThat(context).hasSingleBean(FaultSwitchController.class));
	}

	@Test
	void enabledWithoutATokenOrWithAShortOneTheAppDoesNotStart() {
		this.runner.withPropertyValues("suite.faults.enabled=true").run((context) -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("suite.faults.enabled=true", "suite.faults.token=short")
			.run((context) -> assertThat(context).hasFailed());
	}

}
