package dev.ddspatterns.search.leaf.search;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.search.leaf.LeafApi;
import dev.ddspatterns.search.leaf.TestCorpus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input is a 400 problem with the stable type {@code invalid-request}, never a 500,
 * and a query syntax error says what the parser expected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "suite.search.leaf.corpus=classpath:" + TestCorpus.LOCATION)
class InvalidRequestIntegrationTests {

	@LocalServerPort
	int port;

	RestTestClient http;

	@BeforeEach
	void awaitTheIndex() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.http.get().uri("/readyz").exchange().returnResult().getStatus().value() == 200);
	}

	@Test
	void badQueriesAreInvalidRequestProblems() {
		for (String uri : List.of("/v1/search", "/v1/search?q=", "/v1/search?q=cat&k=0", "/v1/search?q=cat&k=101",
				"/v1/search?q=cat&k=ten", "/v1/stats", "/v1/stats?q=")) {
			expectInvalid(this.http.get().uri(uri).exchange(), uri);
		}
		expectInvalid(this.http.get().uri("/v1/search?q={q}", "  ").exchange(), "blank search");
		expectInvalid(this.http.get().uri("/v1/stats?q={q}", " \t ").exchange(), "blank stats");
	}

	@Test
	void aSyntaxErrorNamesWhatTheParserExpected() {
		expectInvalid(this.http.get().uri("/v1/search?q={q}", "cat AND (dog").exchange(), "syntax").expectBody()
			.jsonPath("$.detail")
			.value(String.class,
					(detail) -> assertThat(detail).startsWith("Cannot parse 'cat AND (dog'").contains("Encountered"));
		expectInvalid(this.http.get().uri("/v1/stats?q={q}", "\"unclosed").exchange(), "stats syntax");
	}

	@Test
	void aSyntaxErrorInAHugeQueryQuotesOnlyItsStart() {
		String q = "(" + "cat ".repeat(1000);
		expectInvalid(this.http.get().uri("/v1/search?q={q}", q).exchange(), "huge query").expectBody()
			.jsonPath("$.detail")
			.value(String.class,
					(detail) -> assertThat(detail).startsWith("Cannot parse '" + q.substring(0, 64) + "...'")
						.hasSizeLessThanOrEqualTo(303));
	}

	@Test
	void regularExpressionsThePatternEngineRefusesAreInvalidRequests() {
		// An unbalanced group; a pattern whose automaton would need too many states.
		for (String regex : List.of("/(a/", "/(a|b)*a(a|b){20}/")) {
			expectInvalid(this.http.get().uri("/v1/search?q={q}", regex).exchange(), "search " + regex);
			expectInvalid(this.http.get().uri("/v1/stats?q={q}", regex).exchange(), "stats " + regex);
		}
	}

	@Test
	void percentEncodedBytesThatAreNotUtf8AreAnInvalidRequest() {
		// %C3 starts a two-byte character; %28 cannot continue it.
		URI search = URI.create("http://localhost:" + this.port + "/v1/search?q=%C3%28");
		expectInvalid(this.http.get().uri(search).exchange(), "invalid UTF-8");
	}

	@Test
	void badPostBodiesAreInvalidRequestProblems() {
		expectInvalid(postExchange(Map.of("q", " ")), "blank q");
		expectInvalid(postExchange(Map.of("q", "cat", "k", 500)), "k too large");
		expectInvalid(
				postExchange(Map.of("q", "cat", "stats",
						Map.of("terms", List.of(new LeafApi.TermStats("body", "cat", 5, 9))))),
				"term without its field");
		expectInvalid(
				postExchange(Map.of("q", "cat", "stats",
						Map.of("fields", List.of(new LeafApi.FieldStats("body", 10, 20, 100, 50))))),
				"docCount > maxDoc");
		List<LeafApi.FieldStats> body = List.of(new LeafApi.FieldStats("body", 10, 10, 100, 50));
		expectInvalid(
				postExchange(Map.of("q", "cat~", "stats",
						Map.of("fields", body, "expansions",
								List.of(new LeafApi.Expansion("body:cat~2", "body", 50,
										List.of(new LeafApi.ExpandedTerm("cat", 1, 11, 20))))))),
				"expanded term more frequent than its field");
		expectInvalid(
				postExchange(Map.of("q", "cat~", "stats",
						Map.of("fields", body, "expansions",
								List.of(new LeafApi.Expansion("body:cat~2", "body", 50,
										List.of(new LeafApi.ExpandedTerm("cat", 1, 5, 4))))))),
				"expanded term with docFreq > totalTermFreq");
		expectInvalid(
				this.http.post().uri("/v1/search").contentType(MediaType.APPLICATION_JSON).body("{\"q\": ").exchange(),
				"malformed JSON");
	}

	private RestTestClient.ResponseSpec postExchange(Map<String, ?> body) {
		return this.http.post().uri("/v1/search").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}

	private static RestTestClient.ResponseSpec expectInvalid(RestTestClient.ResponseSpec response, String what) {
		response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.value(String.class, (type) -> assertThat(type).as(what).endsWith("invalid-request"));
		return response;
	}

}
