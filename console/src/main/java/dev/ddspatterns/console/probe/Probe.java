package dev.ddspatterns.console.probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Reads a service's state over HTTP, each read bounded by one timeout: the console shows
 * a service that does not answer in time as unreachable instead of waiting for it.
 */
public final class Probe {

	/**
	 * A metrics page larger than this is not read past it (the suite's are tens of KB).
	 */
	private static final int MAX_METRICS_BYTES = 4 * 1024 * 1024;

	private final RestClient client;

	/**
	 * @param timeout how long one read may take, connecting included
	 */
	public Probe(Duration timeout) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(timeout);
		this.client = RestClient.builder().requestFactory(requests).build();
	}

	/**
	 * @param uri what to read
	 * @return the JSON it answered with
	 */
	public Reading<JsonNode> json(URI uri) {
		return json(uri, null);
	}

	/**
	 * @param uri what to read
	 * @param bearer a bearer token to send, if any
	 * @return the JSON it answered with
	 */
	public Reading<JsonNode> json(URI uri, @Nullable String bearer) {
		return answer(() -> this.client.get()
			.uri(uri)
			.headers((headers) -> bearer(headers, bearer))
			.retrieve()
			.body(JsonNode.class));
	}

	/**
	 * @param uri what to change
	 * @param body the JSON to send
	 * @param bearer a bearer token to send, if any
	 * @return the JSON it answered with
	 */
	public Reading<JsonNode> put(URI uri, Object body, @Nullable String bearer) {
		return answer(() -> this.client.put()
			.uri(uri)
			.headers((headers) -> bearer(headers, bearer))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(JsonNode.class));
	}

	/**
	 * @param uri a Prometheus text page, such as {@code /actuator/prometheus}
	 * @return its samples
	 */
	public Reading<Samples> metrics(URI uri) {
		try {
			// Read up to the bound and no further: a page over it is refused unread.
			return this.client.get().uri(uri).exchange((request, response) -> {
				if (response.getStatusCode().isError()) {
					return Reading.failed("HTTP " + response.getStatusCode().value());
				}
				byte[] page = response.getBody().readNBytes(MAX_METRICS_BYTES + 1);
				return (page.length > MAX_METRICS_BYTES)
						? Reading.failed("a metrics page over " + MAX_METRICS_BYTES + " bytes")
						: Reading.of(Samples.parse(new String(page, StandardCharsets.UTF_8)));
			});
		}
		catch (RestClientException ex) {
			return Reading.failed("unreachable");
		}
	}

	/** A service's JSON answer, or why there is none. */
	private static Reading<JsonNode> answer(Supplier<@Nullable JsonNode> call) {
		try {
			JsonNode body = call.get();
			return (body != null) ? Reading.of(body) : Reading.failed("an empty answer");
		}
		catch (RestClientResponseException ex) {
			return Reading.failed("HTTP " + ex.getStatusCode().value());
		}
		catch (RestClientException ex) {
			return Reading.failed("unreachable");
		}
	}

	private static void bearer(HttpHeaders headers, @Nullable String bearer) {
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
	}

}
