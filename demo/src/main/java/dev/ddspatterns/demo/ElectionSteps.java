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
 * leader killed with SIGKILL and the gap until a follower leads, the leader frozen in the
 * middle of a write and its stale write refused, then the fenced ledger and the shard
 * owners as the replicas report them.
 */
final class ElectionSteps {

	private static final Duration TTL = Duration.ofSeconds(3);

	private static final Duration RENEWAL = TTL.dividedBy(3);

	/** How long the demo's replicas wait between the watchdog's check and a write. */
	static final Duration HOLD = Duration.ofSeconds(1);

	/** The replicas' tick interval: the wait between a write and the next check. */
	private static final Duration TICK = Duration.ofMillis(200);

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
		JsonNode after = awaitNewLeader(survivor(leader), token);
		boolean newLeader = after != null;
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

	/**
	 * The leader frozen (SIGSTOP) after its watchdog said "act" and before its write, for
	 * longer than its lease: a follower takes over with a higher token; the old leader
	 * wakes up, sends the write it had decided on, and the ledger refuses it.
	 */
	boolean pausedLeader() throws Exception {
		JsonNode before = leader(8084);
		String leader = before.get("leader").asString();
		long staleToken = before.get("token").asLong();
		AppProcess process = this.stack.app(leader);
		double rejectedBefore = Scrape.sum(this.http, process.port(), "election_ledger_rejected_total",
				"ledger=\"leader\"");
		double firedBefore = Scrape.sum(this.http, process.port(), "election_watchdog_firings_total", "");
		Instant lastWrite = lastWrite(survivor(leader), leader, staleToken, Instant.now());
		// Its next check comes one tick after that write; freeze it half way into the
		// hold
		// that follows.
		Instant middleOfHold = lastWrite.plus(TICK).plus(HOLD.dividedBy(2));
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), middleOfHold).toMillis()));
		process.pause();
		Instant paused = Instant.now();
		JsonNode after;
		try {
			after = awaitNewLeader(survivor(leader), staleToken);
			if (after != null) {
				// The ledger learns of the new term from the successor's first write; a
				// stale write that came before it would still be in order.
				lastWrite(survivor(leader), after.get("leader").asString(), after.get("token").asLong(), paused);
			}
		}
		finally {
			process.resume();
		}
		boolean newLeader = after != null;
		System.out.printf(
				"   froze %s (token %d) mid-write; %s took over with token %s and wrote to the ledger; "
						+ "resumed %s after %d ms%n",
				leader, staleToken, newLeader ? after.get("leader").asString() : "nobody",
				newLeader ? after.get("token").asString() : "-", leader,
				Duration.between(paused, Instant.now()).toMillis());
		double rejected = rejectedBefore;
		double fired = firedBefore;
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline && (rejected == rejectedBefore || fired == firedBefore)) {
			Thread.sleep(100);
			rejected = Scrape.sum(this.http, process.port(), "election_ledger_rejected_total", "ledger=\"leader\"");
			fired = Scrape.sum(this.http, process.port(), "election_watchdog_firings_total", "");
		}
		JsonNode woken = leader(process.port()).get("self");
		System.out.printf(
				"   %s after waking: watchdog fired %.0f time(s), stale writes rejected by the ledger %.0f, "
						+ "acting as leader: %s%n",
				leader, fired - firedBefore, rejected - rejectedBefore, woken.get("acting").asBoolean());
		return newLeader && rejected > rejectedBefore && fired > firedBefore && !woken.get("acting").asBoolean();
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
		// A replica that lost its leases in the steps before takes its share back within
		// one ttl and a renewal; until then some shards may have no owner.
		long started = System.nanoTime();
		Map<String, Integer> owners = new TreeMap<>();
		JsonNode shards;
		do {
			owners.clear();
			shards = get(8085, "/v1/ownership").get("shards");
			shards.forEach((shard) -> owners
				.merge(shard.get("owner").isNull() ? "nobody" : shard.get("owner").asString(), 1, Integer::sum));
		}
		while (owners.containsKey("nobody") && System.nanoTime() - started < TTL.multipliedBy(3).toNanos()
				&& sleep(Duration.ofMillis(100)));
		System.out.printf("   %d shards by owner: %s%n", shards.size(), owners);
		return nonDecreasing && !tokens.isEmpty() && shards.size() == 16 && !owners.containsKey("nobody");
	}

	/**
	 * Waits for the next ledger entry of {@code writer} and {@code token} after
	 * {@code after}, read through the replica on {@code port}.
	 */
	private Instant lastWrite(int port, String writer, long token, Instant after) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			for (JsonNode entry : get(port, "/v1/ledger?last=5")) {
				Instant at = Instant.parse(entry.get("at").asString());
				if (entry.get("owner").asString().equals(writer) && entry.get("token").asLong() == token
						&& at.isAfter(after)) {
					return at;
				}
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException(writer + " wrote nothing to the ledger for 10 s");
	}

	private JsonNode awaitNewLeader(int port, long token) throws Exception {
		long deadline = System.nanoTime() + TTL.multipliedBy(3).toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode view = leader(port);
			if (!view.get("leader").isNull() && view.get("token").asLong() > token) {
				return view;
			}
			Thread.sleep(20);
		}
		return null;
	}

	private static boolean sleep(Duration duration) throws InterruptedException {
		Thread.sleep(duration);
		return true;
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
