package dev.ddspatterns.testsupport.http;

import com.jayway.jsonpath.JsonPath;
import dev.ddspatterns.testsupport.http.RawHttp.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a server of the suite must answer a hostile client, as tests a server's test class
 * inherits: requests over the suite's limits ({@code suite.http.*}: 8 KB of URI, 7 or 8
 * KB of header fields) and over the server's own parser limit (32 KB), requests it cannot
 * parse or decode. Each gets a problem with the right status and, where the server read
 * it, the client's path as its {@code instance}, never more than its first 256
 * characters. Each is sent byte for byte by {@link RawHttp}, and the server stays ready
 * after each.
 */
public abstract class HostileRequestsContract {

	/** Over the URI and header limits, within the parser's. */
	private static final int OVER_LIMIT = 9 * 1024;

	/** Over the server's own parser limit. */
	private static final int OVER_PARSER = 40 * 1024;

	/**
	 * @return the port of the server on the loopback address
	 */
	protected abstract int port();

	/**
	 * Sends over plain HTTP/1.1; a server behind TLS overrides it.
	 * @param request a request, one byte per character
	 * @return the server's answer
	 */
	protected Response exchange(String request) {
		return RawHttp.exchange(port(), request);
	}

	/**
	 * @return a path the server answers a {@code GET ?q=cat} on with 200, whatever other
	 * parameters the query holds; a path without a query
	 */
	protected abstract String servedPath();

	@AfterEach
	void theServerStaysReady() {
		assertThat(exchange(RawHttp.get("/readyz")).status()).isEqualTo(200);
	}

	@Test
	void requestsJustWithinTheLimitsAreServed() {
		Response response = exchange(RawHttp.get(servedPath() + "?q=cat&pad=" + "a".repeat(6 * 1024), filler(6)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void aPathOverTheLimitIsUriTooLongNamedByItsStart() {
		String path = servedPath() + "/" + "a".repeat(OVER_LIMIT);
		Response response = exchange(RawHttp.get(path));
		assertProblem(response, 414, "uri-too-long");
		assertThat(instance(response)).isEqualTo(path.substring(0, 256));
		assertThat(response.body()).hasSizeLessThan(600);
	}

	@Test
	void aQueryOverTheLimitIsUriTooLong() {
		Response response = exchange(RawHttp.get(servedPath() + "?q=" + "a".repeat(OVER_LIMIT)));
		assertProblem(response, 414, "uri-too-long");
		assertThat(instance(response)).isEqualTo(servedPath());
		assertThat((String) JsonPath.read(response.body(), "$.detail")).contains("8192 bytes");
	}

	@Test
	void aRequestLineOverTheParsersLimitIsUriTooLongWithoutAPath() {
		Response response = exchange(RawHttp.get(servedPath() + "?q=" + "a".repeat(OVER_PARSER)));
		assertProblem(response, 414, "uri-too-long");
		assertThat(response.body()).doesNotContain("\"instance\"").doesNotContain("aaaa");
	}

	@Test
	void headerFieldsOverTheLimitAreRequestHeaderFieldsTooLarge() {
		Response response = exchange(RawHttp.get(servedPath(), filler(10)));
		assertProblem(response, 431, "request-header-fields-too-large");
		assertThat(instance(response)).isEqualTo(servedPath());
	}

	@Test
	void oneHeaderOverTheLimitIsRequestHeaderFieldsTooLarge() {
		Response response = exchange(RawHttp.get(servedPath(), "X-Big: " + "b".repeat(OVER_LIMIT)));
		assertProblem(response, 431, "request-header-fields-too-large");
		assertThat(response.body()).doesNotContain("bbbb");
	}

	@Test
	void headerFieldsOverTheParsersLimitAreRequestHeaderFieldsTooLarge() {
		Response response = exchange(RawHttp.get(servedPath(), filler(40)));
		assertProblem(response, 431, "request-header-fields-too-large");
		assertThat(instance(response)).isEqualTo(servedPath());
	}

	@Test
	void anInvalidPercentEncodingInThePathIsAnInvalidRequest() {
		Response response = exchange(RawHttp.get(servedPath() + "/a%ZZb"));
		assertProblem(response, 400, "invalid-request");
		assertThat(instance(response)).isEqualTo(servedPath() + "/a%25ZZb");
	}

	@Test
	void aPathWhoseBytesAreNotUtf8IsAnInvalidRequest() {
		Response response = exchange(RawHttp.get(servedPath() + "/%C3%28"));
		assertProblem(response, 400, "invalid-request");
		assertThat(instance(response)).isEqualTo(servedPath() + "/%C3%28");
	}

	@Test
	void aQueryThatIsNotUtf8OrNotPercentEncodedIsAnInvalidRequest() {
		for (String query : new String[] { "q=%C3%28", "q=%ZZ" }) {
			Response response = exchange(RawHttp.get(servedPath() + "?" + query));
			assertProblem(response, 400, "invalid-request");
			assertThat(instance(response)).isEqualTo(servedPath());
		}
	}

	@Test
	void malformedRequestLinesAndHeadersAreInvalidRequests() {
		String end = "Host: localhost\r\nConnection: close\r\n\r\n";
		for (String head : new String[] { "GET", "G(T / HTTP/1.1", "GET /a\u0001b HTTP/1.1", "GET / HTTP/9.9 extra",
				"GET / HTTP/1.1\r\nBad Header: x" }) {
			Response response = exchange(head + "\r\n" + end);
			assertProblem(response, 400, "invalid-request");
		}
	}

	/** Header fields of about a kilobyte each. */
	private static String[] filler(int kilobytes) {
		String[] headers = new String[kilobytes];
		for (int i = 0; i < kilobytes; i++) {
			headers[i] = "X-Filler-" + i + ": " + "f".repeat(1000);
		}
		return headers;
	}

	private static void assertProblem(Response response, int status, String kind) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.body()).hasValue("application/problem+json");
		assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo("urn:dds-suite:problem:" + kind);
		assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(status);
	}

	private static String instance(Response response) {
		return JsonPath.read(response.body(), "$.instance");
	}

}
