package dev.ddspatterns.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tour's one HTTP client, shared by every step. An answer a step did not expect fails
 * the step with what came back (the request, the status and the start of the body), never
 * with an exception from reading a field the answer does not have: on a busy machine a
 * step can meet a 503 or a 504 it did not plan for, and the reader must see it.
 */
final class TourClient {

	/** How long one request may take, a busy machine included. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** How much of an unexpected body a failure shows. */
	private static final int SHOWN = 600;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	HttpClient http() {
		return this.http;
	}

	JsonMapper mapper() {
		return this.json;
	}

	static HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(TIMEOUT);
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return send(request(uri).build());
	}

	/** A request whose body, if any, is plain text. */
	HttpResponse<String> send(String method, URI uri, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(uri);
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "text/plain");
		}
		return send(request.build());
	}

	/**
	 * A request with a JSON body.
	 * @param timeout how long it may take (moving keys between shards takes longer)
	 */
	HttpResponse<String> sendJson(String method, URI uri, String body, Duration timeout)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri)
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	HttpResponse<byte[]> bytes(URI uri) throws IOException, InterruptedException {
		return this.http.send(request(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Sends a request, keeping only the status and headers of the answer. */
	HttpResponse<Void> discarding(HttpRequest request) {
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).join();
	}

	/**
	 * Sends every request, at most {@code concurrency} at a time, and keeps the answers
	 * in order.
	 */
	List<HttpResponse<Void>> all(List<HttpRequest> requests, int concurrency) throws Exception {
		Semaphore inFlight = new Semaphore(concurrency);
		List<CompletableFuture<HttpResponse<Void>>> answers = requests.stream().map((request) -> {
			inFlight.acquireUninterruptibly();
			return this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
				.whenComplete((answer, failure) -> inFlight.release());
		}).toList();
		CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();
		return answers.stream().map(CompletableFuture::join).toList();
	}

	/** A GET that must answer 200 with JSON. */
	JsonNode getJson(URI uri) throws IOException, InterruptedException {
		return json(get(uri), 200);
	}

	/** The answer's JSON body, if it has the status expected and is JSON. */
	JsonNode json(HttpResponse<String> response, int status) {
		expect(response, status);
		try {
			return this.json.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw unexpected(response, "is not JSON");
		}
	}

	static <T> HttpResponse<T> expect(HttpResponse<T> response, int status) {
		if (response.statusCode() != status) {
			throw unexpected(response, "expected " + status);
		}
		return response;
	}

	/**
	 * @return the field of an answer
	 * @throws IllegalStateException naming the answer if it has no such field
	 */
	static JsonNode field(JsonNode answer, String name) {
		JsonNode value = answer.get(name);
		if (value == null) {
			throw new IllegalStateException("the answer has no \"" + name + "\": " + shorten(answer.toString()));
		}
		return value;
	}

	private static IllegalStateException unexpected(HttpResponse<?> response, String why) {
		Object body = response.body();
		String shown = (body instanceof String text) ? ": " + shorten(text) : "";
		return new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
				+ response.statusCode() + " (" + why + ")" + shown);
	}

	private static String shorten(String text) {
		return (text.length() <= SHOWN) ? text : text.substring(0, SHOWN) + "… (" + text.length() + " characters)";
	}

}
