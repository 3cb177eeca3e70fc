package dev.ddspatterns.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static dev.ddspatterns.demo.TourClient.request;

/**
 * The tour's gateway steps: a burst against a rate-limited route, a 90/10 request split
 * watched over many users, sessions pinned to replicas, the response cache, HTTPS at the
 * edge, and a circuit breaker opening in front of a stopped backend.
 */
final class GatewaySteps {

	private static final URI SEARCH = URI.create("http://localhost:8080/api/v1/search?q=fox");

	private static final URI EXPERIMENT = URI.create("http://localhost:8080/api/v1/experiment/search?q=fox");

	private static final int BURST = 60;

	/** The {@code self.id} of an election-demo {@code /v1/leader} answer. */
	private static final Pattern SELF = Pattern.compile("\"self\":\\{\"id\":\"([^\"]+)\"");

	private static final int USERS = 1000;

	/**
	 * The tour's API keys, demo keys printed here on purpose: the gateway the demo starts
	 * registers them by their SHA-256 ({@link Stack}), and refuses any other key with
	 * 401. A real key is a long random secret.
	 */
	static final List<String> API_KEYS = List.of("tour-burst", "tour-cache", "tour-breaker");

	private final TourClient client;

	private final Stack stack;

	GatewaySteps(TourClient client, Stack stack) {
		this.client = client;
		this.stack = stack;
	}

	/**
	 * One caller sends 60 searches back to back; the route allows bursts of 20. Another
	 * caller (the tour's address, without a key) asks first, so the gateway's response
	 * cache answers the burst and it takes well under a second.
	 * <p>
	 * The limiter's promise is about what it admits: at most the bucket's burst plus what
	 * refills while the burst lasts. An admitted request can still end in the route's own
	 * time limit (504) on a busy machine, if the cache entry expired mid-burst and the
	 * search behind it was slow; that is the search route's deadline working, not the
	 * limiter failing, so a 504 counts as admitted. Any other status fails the step.
	 */
	boolean rateLimitedBurst() throws Exception {
		this.client.discarding(request(SEARCH).build());
		long started = System.nanoTime();
		List<HttpResponse<Void>> answers = this.client.all(IntStream.range(0, BURST)
			.mapToObj((i) -> request(SEARCH).header("X-API-Key", "tour-burst").build())
			.toList(), 10);
		double seconds = (System.nanoTime() - started) / 1e9;
		Map<Integer, Long> statuses = new TreeMap<>();
		answers.forEach((answer) -> statuses.merge(answer.statusCode(), 1L, Long::sum));
		// What a token bucket of 20 refilled at 10/s can let through in that time.
		long allowed = 20 + (long) Math.floor(10 * seconds);
		System.out.printf("   %d requests with one X-API-Key, ten at a time, in %.2f s: %s (status: count); "
				+ "the bucket allows at most %d%n", BURST, seconds, statuses, allowed);
		answers.stream().filter((answer) -> answer.statusCode() == 429).findFirst().ifPresent((refused) -> {
			System.out.printf(
					"   a 429 carries Retry-After: %s, X-RateLimit-Remaining: %s, -Replenish-Rate: %s, "
							+ "-Burst-Capacity: %s%n",
					header(refused, "Retry-After"), header(refused, "X-RateLimit-Remaining"),
					header(refused, "X-RateLimit-Replenish-Rate"), header(refused, "X-RateLimit-Burst-Capacity"));
		});
		long admitted = statuses.getOrDefault(200, 0L) + statuses.getOrDefault(504, 0L);
		long refused = statuses.getOrDefault(429, 0L);
		// On a slow machine the burst may take longer than the bucket needs to refill;
		// then there is nothing to refuse, and the check is only that no more passed than
		// allowed.
		return admitted + refused == BURST && admitted <= allowed + 1 && (refused > 0 || allowed >= BURST);
	}

	/**
	 * 1,000 users ask the experiment route once each. A user is its {@code suite-user}
	 * cookie, which the split hashes; each comes from an address of its own, as users
	 * behind the load balancer do, so the route's rate limit counts each separately.
	 */
	boolean requestSplit() throws Exception {
		List<HttpResponse<Void>> answers = this.client
			.all(IntStream.range(0, USERS).mapToObj((user) -> splitUser(user).build()).toList(), 16);
		Map<String, Long> variants = new TreeMap<>();
		answers.forEach((answer) -> variants.merge(header(answer, "X-Variant"), 1L, Long::sum));
		boolean sticky = IntStream.range(0, 10)
			.allMatch((user) -> header(answers.get(user), "X-Variant")
				.equals(header(this.client.discarding(splitUser(user).build()), "X-Variant")));
		double v2 = variants.getOrDefault("v2", 0L) / (double) USERS;
		System.out.printf("   %d users: %s; v2 share %.1f%% (configured 10%%); the same 10 users again: %s%n", USERS,
				variants, 100 * v2, sticky ? "same variants" : "DIFFERENT variants");
		return sticky && v2 > 0.07 && v2 < 0.13
				&& variants.getOrDefault("v1", 0L) + variants.getOrDefault("v2", 0L) == USERS;
	}

	/**
	 * A user of the experiment: its cookie, and its own address as the load balancer in
	 * front of the gateway would report it (the demo's gateway trusts 127.0.0.1 as that
	 * balancer).
	 */
	private static HttpRequest.Builder splitUser(int user) {
		return request(EXPERIMENT).header("Cookie", "suite-user=tour-user-" + user)
			.header("X-Forwarded-For", "10.1." + user / 256 + "." + user % 256);
	}

	/**
	 * Sessions pinned to replicas: the gateway hashes the session cookie onto a ring of
	 * the election-demo replicas, and each answer names the replica that gave it.
	 */
	boolean sessionAffinity() throws Exception {
		URI leader = URI.create("http://localhost:8080/api/v1/election/leader");
		Map<String, Long> alice = new TreeMap<>();
		for (int i = 0; i < 20; i++) {
			alice.merge(replica(leader, "tour-alice"), 1L, Long::sum);
		}
		Map<String, String> before = sessions(leader);
		System.out.printf("   20 requests of session tour-alice: %s%n", alice);
		System.out.printf("   60 sessions, one request each: %s%n", count(before));
		return alice.size() == 1 && count(before).size() == 3 && replicaStoppedAndBack(leader, before);
	}

	/**
	 * One replica stopped: once the load balancer's health check sees it, it gets no
	 * traffic, and only its own sessions move. Back, it gets exactly those again.
	 */
	private boolean replicaStoppedAndBack(URI leader, Map<String, String> before) throws Exception {
		AppProcess replica = this.stack.app("election-8086");
		replica.stop();
		long stopped = System.nanoTime();
		Map<String, String> during = awaitSessions(leader, (now) -> settled(now, replica.name()), stopped);
		long noticed = (System.nanoTime() - stopped) / 1_000_000;
		long moved = before.keySet()
			.stream()
			.filter((session) -> !before.get(session).equals(during.get(session)))
			.count();
		boolean onlyItsOwn = before.keySet()
			.stream()
			.filter((session) -> !before.get(session).equals(during.get(session)))
			.allMatch((session) -> before.get(session).equals(replica.name()));
		System.out
			.printf("   %s stopped: after %d ms no session reaches it; %d sessions moved, all of them its own: %s; "
					+ "now %s%n", replica.name(), noticed, moved, onlyItsOwn, count(during));
		replica.start();
		boolean ready = replica.awaitReady(Duration.ofMinutes(2));
		long restarted = System.nanoTime();
		Map<String, String> after = ready ? awaitSessions(leader, before::equals, restarted) : Map.of();
		System.out.printf("   %s ready again: %d ms later every session is back where it was: %s%n", replica.name(),
				(System.nanoTime() - restarted) / 1_000_000, after.equals(before));
		return settled(during, replica.name()) && onlyItsOwn && after.equals(before);
	}

	/**
	 * Samples the sessions every half second until {@code done} or 30 s after
	 * {@code since}.
	 */
	private Map<String, String> awaitSessions(URI uri, Predicate<Map<String, String>> done, long since)
			throws Exception {
		Map<String, String> sessions = sessions(uri);
		while (!done.test(sessions) && System.nanoTime() - since < Duration.ofSeconds(30).toNanos()) {
			Thread.sleep(500);
			sessions = sessions(uri);
		}
		return sessions;
	}

	private static boolean settled(Map<String, String> sessions, String stopped) {
		return sessions.values()
			.stream()
			.noneMatch((replica) -> replica.equals(stopped) || replica.startsWith("status"));
	}

	/** 60 sessions, one request each: which replica answered each. */
	private Map<String, String> sessions(URI uri) throws Exception {
		Map<String, String> replicas = new TreeMap<>();
		for (int session = 0; session < 60; session++) {
			replicas.put("tour-session-" + session, replica(uri, "tour-session-" + session));
		}
		return replicas;
	}

	private static Map<String, Long> count(Map<String, String> sessions) {
		Map<String, Long> perReplica = new TreeMap<>();
		sessions.values().forEach((replica) -> perReplica.merge(replica, 1L, Long::sum));
		return perReplica;
	}

	/**
	 * The same search twice through the gateway: the first answer comes from search-root,
	 * the second from the gateway's cache, and search-root's own request count shows it.
	 */
	boolean responseCache() throws Exception {
		URI uri = URI.create("http://localhost:8080/api/v1/search?q=wolf%20OR%20bear");
		double before = searchRootRequests();
		HttpResponse<Void> first = this.client.discarding(request(uri).header("X-API-Key", "tour-cache").build());
		double afterFirst = awaitSearchRootRequests(before + 1);
		HttpResponse<Void> second = this.client.discarding(request(uri).header("X-API-Key", "tour-cache").build());
		Thread.sleep(300);
		double afterSecond = searchRootRequests();
		System.out.printf(
				"   first GET: %d, X-Cache %s, search-root served %.0f; second GET: %d, X-Cache %s (Age %s), "
						+ "search-root served %.0f%n",
				first.statusCode(), header(first, "X-Cache"), afterFirst - before, second.statusCode(),
				header(second, "X-Cache"), header(second, "Age"), afterSecond - afterFirst);
		boolean cached = first.statusCode() == 200 && second.statusCode() == 200
				&& header(first, "X-Cache").equals("MISS") && header(second, "X-Cache").equals("HIT")
				&& afterFirst - before == 1 && afterSecond == afterFirst;
		return cached & partialAnswerNotCached();
	}

	/**
	 * A partial answer is never stored: with shard 2's only leaf frozen, search-root
	 * answers at its deadline without the shard and marks the answer
	 * {@code Cache-Control: no-store}. Once the leaf runs again, the same search through
	 * the gateway is a MISS that search-root answers complete, and only that complete
	 * answer is served from the cache afterwards.
	 */
	private boolean partialAnswerNotCached() throws Exception {
		URI uri = URI.create("http://localhost:8080/api/v1/search?q=lion%20OR%20wolf");
		HttpRequest get = request(uri).header("X-API-Key", "tour-cache").build();
		AppProcess leaf = this.stack.app("search-leaf-8093");
		HttpResponse<String> partial;
		leaf.pause();
		try {
			partial = this.client.send(get);
		}
		finally {
			leaf.resume();
		}
		HttpResponse<String> afterwards = this.client.send(get);
		HttpResponse<String> again = this.client.send(get);
		System.out.printf(
				"   shard 2's leaf frozen: %d, X-Cache %s, Cache-Control %s, partial %s; leaf running again: "
						+ "X-Cache %s, partial %s; once more: X-Cache %s%n",
				partial.statusCode(), header(partial, "X-Cache"), header(partial, "Cache-Control"),
				this.client.json(partial, 200).path("partial").asBoolean(), header(afterwards, "X-Cache"),
				this.client.json(afterwards, 200).path("partial").asBoolean(), header(again, "X-Cache"));
		return this.client.json(partial, 200).path("partial").asBoolean() && header(partial, "X-Cache").equals("MISS")
				&& header(afterwards, "X-Cache").equals("MISS")
				&& !this.client.json(afterwards, 200).path("partial").asBoolean(true)
				&& header(again, "X-Cache").equals("HIT");
	}

	/**
	 * HTTPS on 8443 with the run's own certificate, plain HTTP to the backends behind: a
	 * client that trusts the run's authority gets the answer and an HSTS header, one that
	 * does not is refused in the handshake.
	 */
	boolean tlsTermination() throws Exception {
		URI secure = URI.create("https://localhost:8443/api/v1/election/leader");
		HttpClient trusting = HttpClient.newBuilder()
			.sslContext(this.stack.certificates().clientContext())
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		HttpResponse<String> https = trusting.send(request(secure).build(), HttpResponse.BodyHandlers.ofString());
		String protocol = https.sslSession()
			.map((session) -> session.getProtocol() + " " + session.getCipherSuite())
			.orElse("no TLS session");
		HttpResponse<Void> plain = this.client
			.discarding(request(URI.create("http://localhost:8080/api/v1/election/leader")).build());
		String untrusted;
		try {
			this.client.http().send(request(secure).build(), HttpResponse.BodyHandlers.discarding());
			untrusted = "answered";
		}
		catch (IOException ex) {
			untrusted = "refused (" + ex.getClass().getSimpleName() + ")";
		}
		System.out.printf("   GET %s -> %d over %s; Strict-Transport-Security: %s%n", secure, https.statusCode(),
				protocol, header(https, "Strict-Transport-Security"));
		System.out.printf("   the backend behind it: %s (plain HTTP); the same GET on :8080 -> %d, no HSTS: %s%n",
				this.stack.app("election-8084").uri(), plain.statusCode(),
				header(plain, "Strict-Transport-Security").equals("-"));
		System.out.printf("   a client that does not trust the run's authority: %s%n", untrusted);
		return https.statusCode() == 200 && https.sslSession().isPresent()
				&& header(https, "Strict-Transport-Security").startsWith("max-age=") && plain.statusCode() == 200
				&& header(plain, "Strict-Transport-Security").equals("-") && untrusted.startsWith("refused");
	}

	/**
	 * search-root stopped: the search route's breaker counts the failures, opens, and
	 * answers at once with a 503 problem and a Retry-After, without calling the backend.
	 * Then search-root comes back and the route recovers.
	 */
	boolean circuitBreaker() throws Exception {
		AppProcess root = this.stack.app("search-root");
		root.stop();
		List<String> seen = new ArrayList<>();
		HttpResponse<String> last = null;
		long lastMillis = 0;
		try {
			for (int i = 0; i < 16; i++) {
				// A new query each time: no cache hit. 16 requests fit in the key's
				// burst of 20.
				URI uri = URI.create("http://localhost:8080/api/v1/search?q=breaker" + i);
				long started = System.nanoTime();
				last = this.client.send(request(uri).header("X-API-Key", "tour-breaker").build());
				lastMillis = (System.nanoTime() - started) / 1_000_000;
				seen.add(last.statusCode() + (last.headers().firstValue("Retry-After").isPresent() ? "R" : "") + " "
						+ lastMillis + "ms");
			}
		}
		finally {
			root.start();
		}
		System.out.printf("   16 searches with search-root stopped (status, R = Retry-After, time): %s%n", seen);
		System.out.printf("   the last: %s, Retry-After %s, %s%n",
				last.headers().firstValue("Content-Type").orElse("-"), header(last, "Retry-After"), last.body());
		boolean ready = root.awaitReady(Duration.ofMinutes(2));
		long restarted = System.nanoTime();
		// Half open, the breaker lets three trial calls through and refuses the rest;
		// three successes close it. Trial searches until then, so the route is whole
		// again.
		boolean closed = false;
		while (ready && !closed && System.nanoTime() - restarted < Duration.ofSeconds(60).toNanos()) {
			Thread.sleep(500);
			this.client
				.discarding(request(URI.create("http://localhost:8080/api/v1/search?q=recovered" + System.nanoTime()))
					.header("X-API-Key", "tour-breaker")
					.build());
			closed = Scrape.sum(this.client, 8080, "resilience4j_circuitbreaker_state",
					"name=\"search\",state=\"closed\"") == 1;
		}
		System.out.printf(
				"   search-root restarted; the breaker is closed again %d ms after it was ready "
						+ "(health check, the open period, then three good trial calls)%n",
				(System.nanoTime() - restarted) / 1_000_000);
		return last.statusCode() == 503 && last.headers().firstValue("Retry-After").isPresent()
				&& last.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
				&& closed;
	}

	private double searchRootRequests() throws Exception {
		return Scrape.sum(this.client, 8082, "http_server_requests_seconds_count", "uri=\"/v1/search\"");
	}

	/** Metrics are recorded as the answer completes, a moment after the client has it. */
	private double awaitSearchRootRequests(double expected) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		double count = searchRootRequests();
		while (count < expected && System.nanoTime() < deadline) {
			Thread.sleep(50);
			count = searchRootRequests();
		}
		return count;
	}

	private String replica(URI uri, String session) throws Exception {
		HttpResponse<String> answer = this.client
			.send(request(uri).header("Cookie", "suite-session=" + session).build());
		Matcher self = SELF.matcher(answer.body());
		return self.find() ? self.group(1) : "status " + answer.statusCode();
	}

	private static String header(HttpResponse<?> answer, String name) {
		return answer.headers().firstValue(name).orElse("-");
	}

}
