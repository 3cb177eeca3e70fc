package dev.ddspatterns.service.servletapp;

import dev.ddspatterns.service.SuiteProperties;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Servlet app that depends on service-support and configures nothing, driven over real
 * HTTP: it gets probes, Prometheus metrics, tracing and virtual threads.
 */
@ServletAppTest
class ServletConventionsIntegrationTests {

	@Autowired
	RestTestClient client;

	@Autowired
	SuiteProperties suite;

	@Autowired
	ApplicationContext context;

	@Test
	void livenessAndReadinessAnswerOnTheMainPort() {
		for (String probe : new String[] { "/livez", "/readyz" }) {
			this.client.get()
				.uri(probe)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP");
		}
	}

	@Test
	void prometheusMetricsCarryApplicationAndInstanceTags() {
		String instance = this.suite.instanceId();
		assertThat(instance).contains(":pid");
		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("application=\"servlet-test-app\"")
				.contains("instance=\"" + instance + "\""));
	}

	@Test
	void endpointsThatLeakInternalsAreNotExposed() {
		for (String endpoint : new String[] { "/actuator/env", "/actuator/beans", "/actuator/configprops" }) {
			this.client.get()
				.uri(endpoint)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void healthNamesComponentsButHidesTheirDetails() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.diskSpace.status")
			.isEqualTo("UP")
			.jsonPath("$.components.diskSpace.details")
			.doesNotExist();
	}

	@Test
	void requestsRunOnVirtualThreads() {
		this.client.get()
			.uri("/greetings?name=ada")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.virtualThread")
			.isEqualTo(true);
	}

	@Test
	void requestsAreTracedButNothingIsExported() {
		this.client.get()
			.uri("/greetings?name=ada")
			.exchange()
			.expectBody()
			.jsonPath("$.traceId")
			.value(String.class, (traceId) -> assertThat(traceId).matches("[0-9a-f]{32}"));
		assertThat(this.context.getBeansOfType(SpanExporter.class)).isEmpty();
	}

	@Test
	void tracesNameTheServiceAndTheInstance() {
		Resource resource = this.context.getBean(Resource.class);
		assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("servlet-test-app");
		assertThat(resource.getAttribute(AttributeKey.stringKey("service.instance.id")))
			.isEqualTo(this.suite.instanceId());
	}

}
