package dev.ddspatterns.service.servletapp;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error a Servlet app returns is an RFC 9457 problem with a stable type, and never
 * reveals what went wrong inside.
 */
@ServletAppTest
class ServletProblemDetailsIntegrationTests {

	private static final ParameterizedTypeReference<List<String>> STRINGS = new ParameterizedTypeReference<>() {
	};

	@Autowired
	RestTestClient client;

	@Test
	void unknownPathIsANotFoundProblem() {
		expectProblem(this.client.get().uri("/no/such/path").exchange(), 404, "not-found").jsonPath("$.instance")
			.isEqualTo("/no/such/path");
	}

	@Test
	void unexposedActuatorEndpointIsANotFoundProblem() {
		expectProblem(this.client.get().uri("/actuator/env").exchange(), 404, "not-found");
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
			.body("{\"name\":\"\",\"times\":9}")
			.exchange(), 400, "invalid-request").jsonPath("$.errors[*].field")
			.value(STRINGS, (fields) -> assertThat(fields).containsExactlyInAnyOrder("name", "times"));
	}

	@Test
	void malformedJsonIsAnInvalidRequest() {
		expectProblem(this.client.post()
			.uri("/greetings")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": ")
			.exchange(), 400, "invalid-request");
	}

	@Test
	void wrongContentTypeIsUnsupportedMediaType() {
		expectProblem(
				this.client.post().uri("/greetings").contentType(MediaType.TEXT_PLAIN).body("name=ada").exchange(), 415,
				"unsupported-media-type");
	}

	@Test
	void wrongMethodIsMethodNotAllowed() {
		expectProblem(this.client.delete().uri("/greetings").exchange(), 405, "method-not-allowed");
	}

	@Test
	void constraintViolationOutsideTheWebLayerIsAnInvalidRequest() {
		expectProblem(this.client.get().uri("/greetings/book").exchange(), 400, "invalid-request")
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
	}

	@Test
	void oversizedUploadIsPayloadTooLarge() {
		MultipartBodyBuilder multipart = new MultipartBodyBuilder();
		multipart.part("file", new ByteArrayResource(new byte[4096])).filename("big.bin");
		expectProblem(this.client.post()
			.uri("/greetings/uploads")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(multipart.build())
			.exchange(), 413, "payload-too-large");
	}

	@Test
	void aFormOverTheServersLimitIsPayloadTooLarge() {
		expectProblem(this.client.post()
			.uri("/greetings/length")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("q=" + "x".repeat(2048))
			.exchange(), 413, "payload-too-large").jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).doesNotContain("UTF-8"));
	}

	@Test
	void aFormThatIsNotPercentEncodedUtf8IsAnInvalidRequest() {
		for (String form : new String[] { "q=%C3%28", "q=%ZZ" }) {
			expectProblem(this.client.post()
				.uri("/greetings/length")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.exchange(), 400, "invalid-request");
		}
	}

	@Test
	void multipartWithoutABoundaryIsAnInvalidRequest() {
		expectProblem(this.client.post()
			.uri("/greetings/uploads")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body("x")
			.exchange(), 400, "invalid-request");
	}

	@Test
	void multipartCutBeforeItsClosingBoundaryIsAnInvalidRequest() {
		String cut = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\nsome bytes";
		expectProblem(this.client.post()
			.uri("/greetings/uploads")
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=b"))
			.body(cut)
			.exchange(), 400, "invalid-request");
	}

	@Test
	void aLongFileNameIsNotTheSizeOfTheUpload() {
		// 450 characters of name, 150 of them three bytes each in UTF-8, on a 10-byte
		// file.
		MultipartBodyBuilder multipart = new MultipartBodyBuilder();
		multipart.part("file", new ByteArrayResource(new byte[10]))
			.filename("n".repeat(300) + "\u732b".repeat(150) + ".bin");
		this.client.post()
			.uri("/greetings/uploads")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(multipart.build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Long.class)
			.isEqualTo(10L);
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
	void failureOutsideSpringMvcIsAGenericInternalProblem() {
		assertLeaksNothing(
				expectProblem(this.client.get().uri("/filtered").exchange(), 500, "internal").jsonPath("$.instance")
					.isEqualTo("/filtered")
					.returnResult());
	}

	private static void assertLeaksNothing(EntityExchangeResult<byte[]> result) {
		assertThat(new String(result.getResponseBodyContent())).doesNotContain("s3cret")
			.doesNotContain("IllegalStateException")
			.doesNotContain("servletapp");
	}

	private static RestTestClient.BodyContentSpec expectProblem(ResponseSpec response, int status, String kind) {
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
