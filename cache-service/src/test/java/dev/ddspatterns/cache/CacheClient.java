package dev.ddspatterns.cache;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.ddspatterns.cache.CacheOperation.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One cache-service replica's API over HTTP, as a client of the cache sees it: each cache
 * operation is recorded in a {@link History} with its times and outcome.
 *
 * @param replica the replica's index
 * @param port its HTTP port
 * @param history where operations are recorded
 */
record CacheClient(int replica, int port, History history) {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Longer than any answer of a healthy replica on a busy machine. */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	CacheOperation put(int client, String key, String value, Duration ttl) {
		HttpRequest request = request("/v1/cache/" + key + "?ttl=" + ttl.toSeconds())
			.header("Content-Type", "text/plain")
			.PUT(HttpRequest.BodyPublishers.ofString(value))
			.build();
		long invoked = this.history.now();
		HttpResponse<String> response = exchange(request);
		Outcome outcome = (response != null) ? outcome(response.statusCode(), 204) : Outcome.UNKNOWN;
		return record(CacheOperation.put(client, this.replica, key, value, ttl, invoked, this.history.now(), outcome));
	}

	CacheOperation get(int client, String key) {
		HttpRequest request = request("/v1/cache/" + key).GET().build();
		long invoked = this.history.now();
		HttpResponse<String> response = exchange(request);
		long completed = this.history.now();
		if (response != null && response.statusCode() == 200) {
			Duration ttl = response.headers()
				.firstValue("X-Cache-TTL")
				.map((seconds) -> Duration.ofSeconds(Long.parseLong(seconds)))
				.orElse(null);
			return record(CacheOperation.get(client, this.replica, key, response.body(), ttl, invoked, completed,
					Outcome.OK));
		}
		Outcome outcome = (response != null && response.statusCode() == 404) ? Outcome.OK : Outcome.UNKNOWN;
		return record(CacheOperation.get(client, this.replica, key, null, null, invoked, completed, outcome));
	}

	CacheOperation delete(int client, String key) {
		HttpRequest request = request("/v1/cache/" + key).DELETE().build();
		long invoked = this.history.now();
		HttpResponse<String> response = exchange(request);
		int status = (response != null) ? response.statusCode() : 0;
		Outcome outcome = (status == 404) ? Outcome.OK : (response != null) ? outcome(status, 204) : Outcome.UNKNOWN;
		return record(
				CacheOperation.delete(client, this.replica, key, status == 204, invoked, this.history.now(), outcome));
	}

	/**
	 * @return the answer, or {@code null} if none came
	 */
	private static HttpResponse<String> exchange(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * {@code POST /v1/shards}: adds a shard and moves its keys to it.
	 * @param name the shard's name
	 * @param primary its primary's address
	 * @return the status and body of the answer
	 */
	Answer addShard(String name, String primary) {
		String body = json.writeValueAsString(Map.of("name", name, "primary", primary));
		return send(request("/v1/shards").timeout(Duration.ofMinutes(5))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * {@code DELETE /v1/shards/{name}}: drains a shard into the others and removes it.
	 * @param name the shard's name
	 * @return the status and body of the answer
	 */
	Answer removeShard(String name) {
		return send(request("/v1/shards/" + name).timeout(Duration.ofMinutes(5)).DELETE().build());
	}

	/**
	 * @return {@code GET /v1/shards}
	 */
	Answer shards() {
		return send(request("/v1/shards").GET().build());
	}

	/**
	 * A plain {@code GET /v1/cache/{key}}, not recorded in the history.
	 * @param key the key
	 * @return the status, the body and where the value came from ({@code X-Cache-Source})
	 */
	Answer read(String key) {
		return send(request("/v1/cache/" + key).GET().build());
	}

	/**
	 * A plain {@code PUT /v1/cache/{key}}, not recorded in the history.
	 * @param key the key
	 * @param value the value
	 * @return the status
	 */
	Answer write(String key, String value) {
		return send(request("/v1/cache/" + key).header("Content-Type", "text/plain")
			.PUT(HttpRequest.BodyPublishers.ofString(value))
			.build());
	}

	/**
	 * @return the epoch of the shard map this replica routes by
	 */
	long epoch() {
		return shards().json().get("epoch").asLong();
	}

	private Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(),
					response.headers().firstValue("X-Cache-Source").orElse(null));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private CacheOperation record(CacheOperation operation) {
		this.history.record(operation);
		return operation;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).timeout(REQUEST_TIMEOUT);
	}

	private static Outcome outcome(int status, int success) {
		if (status == success) {
			return Outcome.OK;
		}
		return (status >= 400 && status < 500) ? Outcome.FAILED : Outcome.UNKNOWN;
	}

	/**
	 * An answer of the admin API.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 * @param source where a value came from ({@code X-Cache-Source}), if the answer says
	 */
	record Answer(int status, String body, String source) {

		JsonNode json() {
			return CacheClient.json.readTree(this.body.getBytes(StandardCharsets.UTF_8));
		}

	}

}
