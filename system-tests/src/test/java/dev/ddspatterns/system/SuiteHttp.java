package dev.ddspatterns.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls from the test to the containers' published ports. */
final class SuiteHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client;

	SuiteHttp() {
		this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
	}

	SuiteHttp(HttpClient client) {
		this.client = client;
	}

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	HttpResponse<String> put(String url, String contentType, String body) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", contentType)
			.PUT(BodyPublishers.ofString(body)));
	}

	/** A multipart/form-data POST of one file part named {@code file}. */
	HttpResponse<String> postFile(String url, String filename, String contentType, byte[] content) {
		String boundary = "suite-" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofByteArray(content),
					BodyPublishers.ofByteArray(tail))));
	}

	/**
	 * The sum of a metric's series, as an app's {@code /actuator/prometheus} shows them
	 * now.
	 * @param baseUrl the app's base URL
	 * @param name the metric's name in Prometheus's format (e.g. {@code x_total})
	 * @return the sum, 0 while the metric has no series
	 */
	double metric(String baseUrl, String name) {
		return get(baseUrl + "/actuator/prometheus").body()
			.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	JsonNode getJson(String url) {
		return json(get(url));
	}

	static JsonNode json(HttpResponse<String> response) {
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(
					response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
