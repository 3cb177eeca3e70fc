package dev.ddspatterns.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

import static dev.ddspatterns.demo.TourClient.field;

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

	private final TourClient client;

	private final Stack stack;

	ElectionSteps(TourClient client, Stack stack) {
		this.client = client;
		this.stack = stack;
	}

	boolean leaderFailover() throws Exception {
		JsonNode before = leader(8084);
		String leader = field(before, "leader").asString();
		long token = field(before, "token").asLong();
		AppProcess process = this.stack.app(leader);
		System.out.printf("   leader %s, fencing token %d, lease expires %s%n", leader, token,
				field(before, "leaseExpiresAt").asString());
		Instant killed = Instant.now();
		process.kill();
		JsonNode after = awaitNewLeader(survivor(leader), token);
		boolean newLeader = after != null;
		Duration gap = newLeader ? Duration.between(killed, Instant.parse(field(after, "since").asString())) : null;
		System.out.printf(
				"   killed %s (SIGKILL, lease not released); new leader %s with token %s after %s ms "
						+ "(lease ttl %d ms, renewal every %d ms)%n",
				leader, newLeader ? field(after, "leader").asString() : "-",
				newLeader ? field(after, "token").asString() : "-", newLeader ? gap.toMillis() : "-", TTL.toMillis(),
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
		String leader = field(before, "leader").asString();
		long staleToken = field(before, "token").asLong();
		AppProcess process = this.stack.app(leader);
		double rejectedBefore = Scrape.sum(this.client, process.port(), "election_ledger_rejected_total",
				"ledger=\"leader\"");
		double firedBefore = Scrape.sum(this.client, process.port(), "election_watchdog_firings_total", "");
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
				lastWrite(survivor(leader), field(after, "leader").asString(), field(after, "token").asLong(), paused);
			}
		}
		finally {
			process.resume();
		}
		boolean newLeader = after != null;
		System.out.printf(
				"   froze %s (token %d) mid-write; %s took over with token %s and wrote to the ledger; "
						+ "resumed %s after %d ms%n",
				leader, staleToken, newLeader ? field(after, "leader").asString() : "nobody",
				newLeader ? field(after, "token").asString() : "-", leader,
				Duration.between(paused, Instant.now()).toMillis());
		double rejected = rejectedBefore;
		double fired = firedBefore;
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline && (rejected == rejectedBefore || fired == firedBefore)) {
			Thread.sleep(100);
			rejected = Scrape.sum(this.client, process.port(), "election_ledger_rejected_total", "ledger=\"leader\"");
			fired = Scrape.sum(this.client, process.port(), "election_watchdog_firings_total", "");
		}
		JsonNode woken = field(get(process.port(), "/v1/leader"), "self");
		System.out.printf(
				"   %s after waking: watchdog fired %.0f time(s), stale writes rejected by the ledger %.0f, "
						+ "acting as leader: %s%n",
				leader, fired - firedBefore, rejected - rejectedBefore, field(woken, "acting").asBoolean());
		return newLeader && rejected > rejectedBefore && fired > firedBefore && !field(woken, "acting").asBoolean();
	}

	boolean ledgerAndShards() throws Exception {
		JsonNode entries = get(8085, "/v1/ledger?last=200");
		List<Long> tokens = new ArrayList<>();
		entries.forEach((entry) -> tokens.add(field(entry, "token").asLong()));
		boolean nonDecreasing = true;
		for (int i = 1; i < tokens.size(); i++) {
			nonDecreasing &= tokens.get(i) >= tokens.get(i - 1);
		}
		Map<Long, String> terms = new TreeMap<>();
		entries.forEach((entry) -> terms.putIfAbsent(field(entry, "token").asLong(), field(entry, "owner").asString()));
		System.out.printf("   last %d ledger entries: terms (token=writer) %s; tokens never decrease: %s%n",
				tokens.size(), terms, nonDecreasing);
		// A replica that lost its leases in the steps before takes its share back within
		// one ttl and a renewal; until then some shards may have no owner.
		long started = System.nanoTime();
		Map<String, Integer> owners = new TreeMap<>();
		JsonNode shards;
		do {
			owners.clear();
			shards = field(get(8085, "/v1/ownership"), "shards");
			shards.forEach((shard) -> owners
				.merge(field(shard, "owner").isNull() ? "nobody" : field(shard, "owner").asString(), 1, Integer::sum));
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
				Instant at = Instant.parse(field(entry, "at").asString());
				if (field(entry, "owner").asString().equals(writer) && field(entry, "token").asLong() == token
						&& at.isAfter(after)) {
					return at;
				}
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException(writer + " wrote nothing to the ledger for 10 s");
	}

	private JsonNode awaitNewLeader(int port, long token) throws Exception {
		return awaitView(port, (view) -> !field(view, "leader").isNull() && field(view, "token").asLong() > token);
	}

	/**
	 * The replica's view of the election once it shows a leader. Between two terms nobody
	 * holds the lease, and on a busy machine a replica can answer 503 for a moment (its
	 * Redis command timed out): both mean "not yet", not a failed step.
	 */
	private JsonNode leader(int port) throws Exception {
		JsonNode view = awaitView(port, (answer) -> !field(answer, "leader").isNull());
		if (view == null) {
			throw new IllegalStateException("no leader seen through :" + port + " for " + TTL.multipliedBy(3));
		}
		return view;
	}

	/**
	 * Polls {@code /v1/leader} until a 200 answer matches, for three ttls.
	 * @return the matching view, or {@code null} (after printing the last answer) if none
	 */
	private JsonNode awaitView(int port, Predicate<JsonNode> wanted) throws Exception {
		URI uri = URI.create("http://localhost:" + port + "/v1/leader");
		long deadline = System.nanoTime() + TTL.multipliedBy(3).toNanos();
		HttpResponse<String> last;
		do {
			last = this.client.get(uri);
			if (last.statusCode() == 200) {
				JsonNode view = this.client.json(last, 200);
				if (wanted.test(view)) {
					return view;
				}
			}
			Thread.sleep(20);
		}
		while (System.nanoTime() < deadline);
		System.out.printf("   not seen through :%d in %d ms; its last answer: %d %s%n", port,
				TTL.multipliedBy(3).toMillis(), last.statusCode(), last.body());
		return null;
	}

	private static boolean sleep(Duration duration) throws InterruptedException {
		Thread.sleep(duration);
		return true;
	}

	private int survivor(String killed) {
		return killed.equals("election-8084") ? 8085 : 8084;
	}

	private JsonNode get(int port, String path) throws IOException, InterruptedException {
		return this.client.getJson(URI.create("http://localhost:" + port + path));
	}

}
