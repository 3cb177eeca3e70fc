package dev.ddspatterns.service;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * The suite's default properties, added after the app's own configuration has been loaded
 * and at the lowest precedence, so anything an app or operator sets still wins. Runs
 * before the logging system starts, which is why the JSON logging switch can live here.
 */
class ServiceDefaults implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "serviceSupportDefaults";

	static final String JSON_LOGS_PROFILE = "json-logs";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		// Actuator: what a scraper and a probe need; nothing that leaks internals.
		defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
		defaults.put("management.endpoint.health.probes.enabled", "true");
		defaults.put("management.endpoint.health.probes.add-additional-paths", "true");
		defaults.put("management.endpoint.health.show-components", "always");
		defaults.put("management.endpoint.health.show-details", "never");
		// Metrics and traces name the app and the replica they came from.
		defaults.put("suite.instance-id", defaultInstanceId(environment));
		defaults.put("management.metrics.tags.application", "${spring.application.name:unnamed}");
		defaults.put("management.metrics.tags.instance", "${suite.instance-id}");
		defaults.put("management.opentelemetry.resource-attributes[service.instance.id]", "${suite.instance-id}");
		defaults.put("logging.structured.ecs.service.node-name", "${suite.instance-id}");
		// A demo wants every request traced; production would lower this.
		defaults.put("management.tracing.sampling.probability", "1.0");
		// Spans go to Zipkin only when asked (management.tracing.export.zipkin.*):
		// on by default, every app would post to localhost:9411 and log each failure.
		defaults.put("management.tracing.export.zipkin.enabled", "false");
		// Carries the trace into Reactor operators, so reactive apps log trace ids too.
		defaults.put("spring.reactor.context-propagation", "auto");
		if (jsonLogsRequested(environment)) {
			defaults.put("logging.structured.format.console", "ecs");
		}
		// The server's own parser reads 4 x suite.http's 8 KB limits (request line and
		// headers; Tomcat reads both into one buffer), so a request over those limits is
		// still read far enough to be refused with its path (problem.RequestLimits).
		defaults.put("server.max-http-request-header-size", "32KB");
		defaults.put("server.netty.max-initial-line-length", "32KB");
		if (webApplicationType(environment, application) == WebApplicationType.SERVLET) {
			defaults.put("spring.threads.virtual.enabled", "true");
			// A part's headers carry its file name: Tomcat's 512 bytes refuse a name of
			// 450 characters. 8 KB a part, at most 50 parts (Tomcat's own default).
			defaults.put("server.tomcat.max-part-header-size", "8KB");
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	/**
	 * Host and port tell replicas on one machine apart. With a random port ({@code 0})
	 * the port is not known yet, so the process id stands in for it.
	 */
	private static String defaultInstanceId(ConfigurableEnvironment environment) {
		String host = environment.getProperty("HOSTNAME", environment.getProperty("COMPUTERNAME", "localhost"));
		int port = environment.getProperty("server.port", Integer.class, 8080);
		return host + ":" + ((port > 0) ? String.valueOf(port) : "pid" + ProcessHandle.current().pid());
	}

	private static boolean jsonLogsRequested(ConfigurableEnvironment environment) {
		return environment.getProperty("suite.logging.json", Boolean.class, false)
				|| environment.acceptsProfiles(Profiles.of(JSON_LOGS_PROFILE));
	}

	/**
	 * {@code spring.main.web-application-type} is bound to the application only after
	 * post-processing, so read it from the environment first.
	 */
	private static WebApplicationType webApplicationType(ConfigurableEnvironment environment,
			SpringApplication application) {
		String configured = environment.getProperty("spring.main.web-application-type");
		return (configured != null) ? WebApplicationType.valueOf(configured.trim().toUpperCase(Locale.ROOT))
				: application.getWebApplicationType();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
