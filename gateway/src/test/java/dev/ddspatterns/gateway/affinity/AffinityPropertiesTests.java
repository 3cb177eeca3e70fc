package dev.ddspatterns.gateway.affinity;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class AffinityPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void theSuitesCookieComesBeforeSpringSessions() {
		this.contexts.run((context) -> assertThat(context.getBean(AffinityProperties.class).sessionCookies())
			.containsExactly("suite-session", "SESSION"));
	}

	@Test
	void anotherSessionCookieCanBeNamed() {
		this.contexts.withPropertyValues("suite.gateway.affinity.session-cookies=JSESSIONID")
			.run((context) -> assertThat(context.getBean(AffinityProperties.class).sessionCookies())
				.containsExactly("JSESSIONID"));
	}

	@Test
	void anEmptyListIsRefusedAtStartup() {
		this.contexts.withPropertyValues("suite.gateway.affinity.session-cookies=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("suite.gateway.affinity.session-cookies"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AffinityProperties.class)
	static class PropertiesOnly {

	}

}
