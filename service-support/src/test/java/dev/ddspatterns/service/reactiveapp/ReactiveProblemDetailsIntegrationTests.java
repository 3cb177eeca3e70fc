package dev.ddspatterns.service.reactiveapp;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error a WebFlux app returns is the same RFC 9457 problem a Servlet app returns,
 * including failures before any controller is chosen, as in a gateway route.
 */
@ReactiveAppTest
class ReactiveProblemDetailsIntegrationTests {

	private static final ParameterizedTypeReference<List<String>> STRINGS = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient client;

	@Test
	void unknownPathIsANotFoundProblem() {
		expectProblem(this.client.get().uri("/no/such/path").exchange(), 404, "not-found").jsonPath("$.instance")
			.isEqualTo("/no/such/path");
	}

	@Test
	void invalidRequestParameterListsTheField() {
		expectProblem(this.client.get().uri("/greetings?name=far-too-long-a-name").exchange(), 400, "invalid-request")
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
	}

	@Test
	void missingAndMistypedParametersAreInvalidRequests() {
		expectProblem(this.client.get().uri("/greetings").exchange(), 400, "invalid-request");
		expectProblem(this.client.get().uri("/greetings/count?size=many").exchange(), 400, "invalid-request");
	}

	@Test
	void invalidBodyListsEveryField() {
		expectProblem(this.client.post()
			.uri("/greetings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"\",\"times\":9}")
			.exchange(), 400, "invalid-request").jsonPath("$.errors[*].field")
			.value(STRINGS, (fields) -> assertThat(fields).containsExactlyInAnyOrder("name", "times"));
	}

	@Test
	void malformedJsonIsAnInvalidRequest() {
		expectProblem(this.client.post()
			.uri("/greetings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": ")
			.exchange(), 400, "invalid-request");
	}

	@Test
	void wrongContentTypeIsUnsupportedMediaType() {
		expectProblem(
				this.client.post().uri("/greetings").contentType(MediaType.TEXT_PLAIN).bodyValue("name=ada").exchange(),
				415, "unsupported-media-type");
	}

	@Test
	void wrongMethodIsMethodNotAllowed() {
		expectProblem(this.client.delete().uri("/greetings").exchange(), 405, "method-not-allowed");
	}

	@Test
	void oversizedBodyIsPayloadTooLarge() {
		String body = "{\"name\":\"" + "a".repeat(4096) + "\",\"times\":1}";
		// The server answers before reading the whole body and then drops the connection;
		// it must not go back to the client's pool, where the next test would find it
		// reset.
		expectProblem(this.client.post()
			.uri("/greetings")
			.header(HttpHeaders.CONNECTION, "close")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange(), 413, "payload-too-large");
	}

	@Test
	void problemExceptionCarriesItsTypeAndExtraMembers() {
		expectProblem(this.client.get().uri("/greetings/conflict").exchange(), 409, "conflict")
			.jsonPath("$.currentToken")
			.isEqualTo(42);
	}

	@Test
	void unexpectedExceptionIsAGenericInternalProblem() {
		assertLeaksNothing(expectProblem(this.client.get().uri("/greetings/failure").exchange(), 500, "internal")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("failed unexpectedly"))
			.returnResult());
	}

	@Test
	void failureOutsideAnyControllerIsAGenericInternalProblem() {
		assertLeaksNothing(
				expectProblem(this.client.get().uri("/filtered").exchange(), 500, "internal").jsonPath("$.instance")
					.isEqualTo("/filtered")
					.returnResult());
	}

	private static void assertLeaksNothing(EntityExchangeResult<byte[]> result) {
		assertThat(new String(result.getResponseBodyContent())).doesNotContain("s3cret")
			.doesNotContain("IllegalStateException")
			.doesNotContain("reactiveapp");
	}

	private static WebTestClient.BodyContentSpec expectProblem(ResponseSpec response, int status, String kind) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:dds-suite:problem:" + kind)
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.trace")
			.doesNotExist()
			.jsonPath("$.exception")
			.doesNotExist();
	}

}
