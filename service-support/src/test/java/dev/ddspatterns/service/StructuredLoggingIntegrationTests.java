package dev.ddspatterns.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.ddspatterns.service.reactiveapp.ReactiveTestApplication;
import dev.ddspatterns.service.servletapp.ServletTestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an app writes to the console, read from the console. Each test starts its own app,
 * because the logging system is set up once per application start and shared by the whole
 * JVM.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingIntegrationTests {

	/**
	 * Boot sets logging up once per JVM and skips it while another app (such as a cached
	 * test context) still holds it, so each test asks for a fresh set-up.
	 */
	@BeforeEach
	void letTheNextAppSetUpLogging() {
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
	}

	/**
	 * Boot hands logging settings to Logback as system properties and leaves them behind,
	 * so without this one test's JSON switch would still be on in the next.
	 */
	@AfterEach
	void forgetLoggingSystemProperties() {
		for (LoggingSystemProperty property : LoggingSystemProperty.values()) {
			System.clearProperty(property.getEnvironmentVariableName());
		}
	}

	@Test
	void consoleLinesAreHumanReadableAndCarryTheTraceIdByDefault(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(ServletTestApplication.class, WebApplicationType.SERVLET)) {
			String traceId = greet(app, "plain");
			String line = lineContaining(output, "Greeting plain");
			assertThat(line).doesNotStartWith("{").contains("[" + traceId + "-").contains("[servlet-app]");
		}
	}

	@Test
	void jsonSwitchTurnsConsoleLinesIntoEcsJsonWithTheTraceId(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(ServletTestApplication.class, WebApplicationType.SERVLET,
				"--suite.logging.json=true")) {
			String traceId = greet(app, "json");
			DocumentContext json = JsonPath.parse(lineContaining(output, "Greeting json"));
			assertThat(json.read("$.traceId", String.class)).isEqualTo(traceId);
			assertThat(json.read("$.spanId", String.class)).hasSize(16);
			assertThat(json.read("$.service.name", String.class)).isEqualTo("servlet-app");
			assertThat(json.read("$.service.node.name", String.class))
				.isEqualTo(app.getBean(SuiteProperties.class).instanceId());
		}
	}

	@Test
	void jsonLogsProfileTurnsReactiveAppLinesIntoJsonWithTheTraceId(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(ReactiveTestApplication.class, WebApplicationType.REACTIVE,
				"--spring.profiles.active=json-logs")) {
			client(app).get().uri("/greetings/failure").retrieve().onStatus((status) -> true, (request, response) -> {
			}).toBodilessEntity();
			DocumentContext json = JsonPath
				.parse(lineContaining(output, "Unexpected failure handling GET /greetings/failure"));
			assertThat(json.read("$.traceId", String.class)).matches("[0-9a-f]{32}");
			assertThat(json.read("$.error.type", String.class)).isEqualTo(IllegalStateException.class.getName());
		}
	}

	private static ConfigurableApplicationContext start(Class<?> application, WebApplicationType type, String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.application.name="
				+ ((type == WebApplicationType.SERVLET) ? "servlet-app" : "reactive-app")));
		all.addAll(List.of(args));
		return new SpringApplicationBuilder(application).main(application).web(type).run(all.toArray(String[]::new));
	}

	private static String greet(ConfigurableApplicationContext app, String name) {
		Map<String, Object> greeting = client(app).get()
			.uri("/greetings?name={name}", name)
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(greeting).isNotNull();
		return (String) greeting.get("traceId");
	}

	private static RestClient client(ConfigurableApplicationContext app) {
		return RestClient.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
	}

	private static String lineContaining(CapturedOutput output, String text) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains(text))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No console line contains '" + text + "'"));
	}

}
