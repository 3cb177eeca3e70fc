package dev.ddspatterns.service;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults every app gets, and that an app's own settings still win over them.
 */
class ServiceDefaultsTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void exposesOnlyHealthInfoAndPrometheusWithProbesOnTheMainPort() {
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,info,prometheus");
		assertThat(this.environment.getProperty("management.endpoint.health.probes.add-additional-paths"))
			.isEqualTo("true");
		assertThat(this.environment.getProperty("management.endpoint.health.show-details")).isEqualTo("never");
	}

	@Test
	void appSettingsWinOverTheDefaults() {
		this.environment.setProperty("management.endpoints.web.exposure.include", "health,loggers");
		this.environment.setProperty("management.tracing.sampling.probability", "0.1");
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,loggers");
		assertThat(this.environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
	}

	@Test
	void tracesEveryRequestByDefault() {
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("management.tracing.sampling.probability", Double.class))
			.isEqualTo(1.0);
	}

	@Test
	void sendsSpansToZipkinOnlyWhenAsked() {
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("management.tracing.export.zipkin.enabled", Boolean.class)).isFalse();
	}

	@Test
	void metricsAreTaggedWithApplicationAndHostAndPort() {
		this.environment.setProperty("spring.application.name", "cache-service");
		this.environment.setProperty("HOSTNAME", "node-a");
		this.environment.setProperty("server.port", "8091");
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("management.metrics.tags.application")).isEqualTo("cache-service");
		assertThat(this.environment.getProperty("management.metrics.tags.instance")).isEqualTo("node-a:8091");
	}

	@Test
	void randomPortFallsBackToTheProcessIdSoReplicasStayDistinct() {
		this.environment.setProperty("server.port", "0");
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("suite.instance-id"))
			.isEqualTo("localhost:pid" + ProcessHandle.current().pid());
	}

	@Test
	void explicitInstanceIdIsUsedForTags() {
		this.environment.setProperty("suite.instance-id", "cache-2");
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("management.metrics.tags.instance")).isEqualTo("cache-2");
	}

	@Test
	void consoleLogsAreHumanReadableByDefault() {
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("logging.structured.format.console")).isNull();
	}

	@Test
	void jsonLogsPropertySwitchesConsoleToEcsJson() {
		this.environment.setProperty("suite.logging.json", "true");
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
	}

	@Test
	void jsonLogsProfileSwitchesConsoleToEcsJson() {
		this.environment.setActiveProfiles("json-logs");
		postProcess(WebApplicationType.REACTIVE);
		assertThat(this.environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
	}

	@Test
	void explicitStructuredFormatWinsOverTheSwitch() {
		this.environment.setProperty("suite.logging.json", "true");
		this.environment.setProperty("logging.structured.format.console", "logstash");
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
	}

	@Test
	void servletAppsRunOnVirtualThreads() {
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
	}

	@Test
	void reactiveAppsKeepTheirEventLoopsEvenWhenServletClassesArePresent() {
		this.environment.setProperty("spring.main.web-application-type", "reactive");
		postProcess(WebApplicationType.SERVLET);
		assertThat(this.environment.getProperty("spring.threads.virtual.enabled")).isNull();
	}

	@Test
	void theServersParserReadsFourTimesTheSuitesLimitsOnEitherStack() {
		for (WebApplicationType type : new WebApplicationType[] { WebApplicationType.SERVLET,
				WebApplicationType.REACTIVE }) {
			MockEnvironment environment = new MockEnvironment();
			SpringApplication application = new SpringApplication();
			application.setWebApplicationType(type);
			new ServiceDefaults().postProcessEnvironment(environment, application);
			assertThat(environment.getProperty("server.max-http-request-header-size")).as(type.name())
				.isEqualTo("32KB");
			assertThat(environment.getProperty("server.netty.max-initial-line-length")).as(type.name())
				.isEqualTo("32KB");
		}
	}

	private void postProcess(WebApplicationType deduced) {
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(deduced);
		new ServiceDefaults().postProcessEnvironment(this.environment, application);
	}

}
