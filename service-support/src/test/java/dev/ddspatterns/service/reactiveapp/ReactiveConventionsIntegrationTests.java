package dev.ddspatterns.service.reactiveapp;

import dev.ddspatterns.service.SuiteProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux app that depends on service-support and configures nothing, driven over real
 * HTTP: the same probes and metrics as a Servlet app, on its event loops.
 */
@ReactiveAppTest
class ReactiveConventionsIntegrationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	SuiteProperties suite;

	@Autowired
	Environment environment;

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
		// The server's 1 KB codec limit applies to this client too; the scrape is larger.
		WebTestClient client = this.client.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
			.build();
		client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("application=\"reactive-test-app\"")
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
	void reactiveAppsKeepTheirEventLoopThreads() {
		assertThat(this.environment.getProperty("spring.threads.virtual.enabled")).isNull();
	}

}
