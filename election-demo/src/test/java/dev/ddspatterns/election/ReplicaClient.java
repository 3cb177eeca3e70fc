package dev.ddspatterns.election;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads one replica's API over HTTP, as an operator would. */
record ReplicaClient(String id, int port) {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @return {@code GET /v1/leader}: the leader as Redis holds it, and this replica's
	 * view
	 */
	Leader leader() throws IOException {
		JsonNode body = json.readTree(ok(get("/v1/leader")));
		JsonNode self = body.get("self");
		String since = text(body, "since");
		return new Leader(text(body, "leader"), body.get("token").asLong(),
				(since != null) ? Instant.parse(since) : null, self.get("acting").asBoolean(),
				self.get("token").asLong());
	}

	/**
	 * @return {@code GET /v1/ownership}: every shard's owner, and what this replica acts
	 * on
	 */
	Ownership ownership() throws IOException {
		JsonNode body = json.readTree(ok(get("/v1/ownership")));
		List<Shard> shards = new ArrayList<>();
		for (JsonNode shard : body.get("shards")) {
			String since = text(shard, "since");
			shards.add(new Shard(shard.get("shard").asInt(), text(shard, "owner"), shard.get("token").asLong(),
					(since != null) ? Instant.parse(since) : null));
		}
		List<Integer> acting = new ArrayList<>();
		body.get("acting").forEach((shard) -> acting.add(shard.asInt()));
		return new Ownership(shards, acting);
	}

	/**
	 * @param name a Prometheus counter, such as {@code election_ledger_rejected_total}
	 * @param tag a label that must be present, such as {@code ledger="leader"}
	 * @return its value
	 */
	double counter(String name, String tag) throws IOException {
		Matcher matcher = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
			.matcher(ok(get("/actuator/prometheus")));
		while (matcher.find()) {
			if (matcher.group(1).contains(tag)) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		return 0;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isNull() || value.isMissingNode()) ? null : value.asString();
	}

	HttpResponse<String> get(String path) throws IOException {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private String ok(HttpResponse<String> response) throws IOException {
		if (response.statusCode() != 200) {
			throw new IOException(this.id + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * The leader view.
	 *
	 * @param leader who holds the lease, by Redis
	 * @param token the lease's token
	 * @param since when its term began
	 * @param acting whether this replica acts as leader, by its own view
	 * @param ownToken the token of this replica's current or last term
	 */
	record Leader(@Nullable String leader, long token, @Nullable Instant since, boolean acting, long ownToken) {

	}

	/**
	 * The ownership view.
	 *
	 * @param shards every shard's owner by Redis
	 * @param acting the shards this replica acts on by its own view
	 */
	record Ownership(List<Shard> shards, List<Integer> acting) {

	}

	/**
	 * One shard.
	 *
	 * @param shard its number
	 * @param owner who holds its lease
	 * @param token the lease's token
	 * @param since when its owner took it
	 */
	record Shard(int shard, @Nullable String owner, long token, @Nullable Instant since) {

	}

}
