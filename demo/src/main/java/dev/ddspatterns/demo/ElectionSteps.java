package dev.ddspatterns.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tour's election steps, against the three election-demo replicas (8084–8086): the
 * leader killed with SIGKILL and the gap until a follower leads, then the fenced ledger
 * and the shard owners as the replicas report them.
 */
final class ElectionSteps {

	private static final Duration TTL = Duration.ofSeconds(3);

	private static final Duration RENEWAL = TTL.dividedBy(3);

	private final HttpClient http;

	private final JsonMapper json;

	private final Stack stack;

	ElectionSteps(HttpClient http, JsonMapper json, Stack stack) {
		this.http = http;
		this.json = json;
		this.stack = stack;
	}

	boolean leaderFailover() throws Exception {
		JsonNode before = leader(8084);
		String leader = before.get("leader").asString();
		long token = before.get("token").asLong();
		AppProcess process = this.stack.app(leader);
		System.out.printf("   leader %s, fencing token %d, lease expires %s%n", leader, token,
				before.get("leaseExpiresAt").asString());
		Instant killed = Instant.now();
		process.kill();
		JsonNode after = null;
		long deadline = System.nanoTime() + TTL.multipliedBy(3).toNanos();
		while (System.nanoTime() < deadline) {
			after = leader(survivor(leader));
			if (!after.get("leader").isNull() && after.get("token").asLong() > token) {
				break;
			}
			Thread.sleep(20);
		}
		boolean newLeader = after != null && after.get("token").asLong() > token;
		Duration gap = newLeader ? Duration.between(killed, Instant.parse(after.get("since").asString())) : null;
		System.out.printf(
				"   killed %s (SIGKILL, lease not released); new leader %s with token %s after %s ms "
						+ "(lease ttl %d ms, renewal every %d ms)%n",
				leader, newLeader ? after.get("leader").asString() : "-",
				newLeader ? after.get("token").asString() : "-", newLeader ? gap.toMillis() : "-", TTL.toMillis(),
				RENEWAL.toMillis());
		process.start();
		boolean rejoined = process.awaitReady(Duration.ofMinutes(2));
		System.out.printf("   %s restarted: %s%n", leader, rejoined ? "ready, a follower now" : "NOT ready");
		return newLeader && gap.compareTo(TTL.plus(RENEWAL).plusSeconds(1)) <= 0 && rejoined;
	}

	boolean ledgerAndShards() throws Exception {
		JsonNode entries = get(8085, "/v1/ledger?last=200");
		List<Long> tokens = new ArrayList<>();
		entries.forEach((entry) -> tokens.add(entry.get("token").asLong()));
		boolean nonDecreasing = true;
		for (int i = 1; i < tokens.size(); i++) {
			nonDecreasing &= tokens.get(i) >= tokens.get(i - 1);
		}
		Map<Long, String> terms = new TreeMap<>();
		entries.forEach((entry) -> terms.putIfAbsent(entry.get("token").asLong(), entry.get("owner").asString()));
		System.out.printf("   last %d ledger entries: terms (token=writer) %s; tokens never decrease: %s%n",
				tokens.size(), terms, nonDecreasing);
		Map<String, Integer> owners = new TreeMap<>();
		JsonNode shards = get(8085, "/v1/ownership").get("shards");
		shards.forEach((shard) -> owners.merge(shard.get("owner").isNull() ? "nobody" : shard.get("owner").asString(),
				1, Integer::sum));
		System.out.printf("   %d shards by owner: %s%n", shards.size(), owners);
		return nonDecreasing && !tokens.isEmpty() && shards.size() == 16 && !owners.containsKey("nobody");
	}

	private JsonNode leader(int port) throws IOException, InterruptedException {
		return get(port, "/v1/leader");
	}

	private int survivor(String killed) {
		return killed.equals("election-8084") ? 8085 : 8084;
	}

	private JsonNode get(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
		return this.json.readTree(response.body());
	}

}
