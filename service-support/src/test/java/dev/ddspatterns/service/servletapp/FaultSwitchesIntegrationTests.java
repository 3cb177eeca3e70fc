package dev.ddspatterns.service.servletapp;

import dev.ddspatterns.service.faults.FaultSwitch;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app's fault switches, enabled: a request without the token, or with another, is
 * refused with a 401 problem and changes nothing; with it, a switch goes on and off.
 */
@SpringBootTest(classes = ServletTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "suite.faults.enabled=true", "suite.faults.token=" + FaultSwitchesIntegrationTests.TOKEN })
@AutoConfigureRestTestClient
@Import(FaultSwitchesIntegrationTests.Switches.class)
class FaultSwitchesIntegrationTests {

	static final String TOKEN = "a-token-made-for-this-test";

	@Autowired
	RestTestClient client;

	@Autowired
	FaultSwitch freeze;

	@TestConfiguration(proxyBeanMethods = false)
	static class Switches {

		@Bean
		FaultSwitch freeze() {
			return new FaultSwitch.Simple("freeze", "Nothing is answered until it is switched off");
		}

	}

	@Test
	void withoutTheTokenOrWithAnotherTheSwitchesAreRefusedAndNothingChanges() {
		this.client.put()
			.uri("/v1/faults/freeze")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"on\": true}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:dds-suite:problem:unauthorized");
		this.client.put()
			.uri("/v1/faults/freeze")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN + "x")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"on\": true}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get().uri("/v1/faults").exchange().expectStatus().isUnauthorized();
		assertThat(this.freeze.isOn()).isFalse();
	}

	@Test
	void withTheTokenASwitchGoesOnAndOff() {
		this.client.put()
			.uri("/v1/faults/freeze")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"on\": true}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.on")
			.isEqualTo(true);
		assertThat(this.freeze.isOn()).isTrue();
		this.client.get()
			.uri("/v1/faults")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].name")
			.isEqualTo("freeze")
			.jsonPath("$[0].on")
			.isEqualTo(true);
		this.client.put()
			.uri("/v1/faults/freeze")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"on\": false}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.freeze.isOn()).isFalse();
	}

	@Test
	void anUnknownSwitchIsANotFoundProblemAndABadBodyABadRequest() {
		this.client.put()
			.uri("/v1/faults/melt")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"on\": true}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.put()
			.uri("/v1/faults/freeze")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.freeze.isOn()).isFalse();
	}

}
