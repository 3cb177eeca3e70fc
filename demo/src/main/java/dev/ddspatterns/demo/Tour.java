package dev.ddspatterns.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ddspatterns.testsupport.redis.RedisProcess;
import dev.ddspatterns.testsupport.redis.RespProbe;
import tools.jackson.databind.JsonNode;

import static dev.ddspatterns.demo.TourClient.expect;
import static dev.ddspatterns.demo.TourClient.field;

/**
 * A scripted walk through the patterns against the running stack. Every step does
 * something real, prints what it saw with numbers from the system, names the class to
 * read, and passes or fails.
 */
final class Tour {

	/**
	 * Below the gateway's burst for the cache route, so the rate limiter lets all
	 * through.
	 */
	private static final int KEYS = 150;

	/** Adding or removing a shard moves its keys before it answers. */
	private static final Duration RESHARDING_TIMEOUT = Duration.ofSeconds(60);

	private static final URI GATEWAY = URI.create("http://localhost:8080");

	private static final URI CACHE = URI.create("http://localhost:8081");

	private static final URI SEARCH_ROOT = URI.create("http://localhost:8082");

	private final TourClient client = new TourClient();

	private final Stack stack;

	private final List<FailedStep> failed = new ArrayList<>();

	Tour(Stack stack) {
		this.stack = stack;
	}

	/**
	 * Runs every step.
	 * @return the steps that failed, each with what it printed; empty when all passed
	 */
	List<FailedStep> run() {
		warmUp();
		step("Sharded cache: " + KEYS + " keys through the gateway, counted on each Redis primary",
				"cache/shards/ShardRouter, sharding/ConsistentHashRing", this::shardedCache);
		step("Replicated shards: the primary of shard-0 killed, its keys read from the replica",
				"cache/shards/RedisShard", this::replicaServesReads);
		step("Hot keys: one key read 80 times is found hot and served from the near cache",
				"cache/hotkeys/HotKeyDetector, cache/ShardedCache", this::hotKey);
		step("Live resharding: a fourth shard joins, then leaves", "cache/shards/Resharding", this::resharding);
		step("Scatter/gather: \"cat AND dog\" over three shards of leaves", "search/root/ScatterGather",
				this::scatterGather);
		step("Partial answers: the leaf of shard 2 stopped", "search/root/ScatterGather", this::partialAnswer);
		step("Hedged requests: one of shard 0's two leaves frozen, as a straggler",
				"search/root/ShardClient, HedgeBudget, ScatterGather", this::hedging);
		GatewaySteps gateway = new GatewaySteps(this.client, this.stack);
		step("Rate limiting: one caller's burst against the search route (10/s, bursts of 20)",
				"gateway/ratelimit/TokenBucket, token-bucket.lua", gateway::rateLimitedBurst);
		step("Request splitting: 1,000 users on the 90/10 search experiment",
				"gateway/splitting/RequestSplitGatewayFilterFactory", gateway::requestSplit);
		step("Session affinity and health checks: sessions hashed onto the election-demo replicas, one replica stopped",
				"gateway/affinity/SessionAffinityLoadBalancer, ReplicaRing", gateway::sessionAffinity);
		step("Caching layer: the same search twice through the gateway",
				"gateway/caching/ResponseCacheFilter, CachePolicy", gateway::responseCache);
		step("TLS termination: HTTPS on 8443 with a certificate made for this run",
				"gateway/tls/HttpsListener, StrictTransportSecurity", gateway::tlsTermination);
		step("Circuit breaker: search-root stopped behind the search route",
				"gateway/resilience/CircuitBreakerProblems, application.yml resilience4j.*", gateway::circuitBreaker);
		ElectionSteps election = new ElectionSteps(this.client, this.stack);
		step("Leader election: the leader killed without releasing its lease, a follower takes over",
				"election/leader/LeaderElection, election/lease/LeaseWatchdog, scripts/acquire.lua",
				election::leaderFailover);
		step("Watchdog and fencing: the leader frozen between deciding to write and writing",
				"election/lease/LeaseWatchdog, election/ledger/FencedLedger, scripts/append.lua",
				election::pausedLeader);
		step("Fencing and sharded ownership: the ledger's tokens and 16 shards over 3 replicas",
				"election/ledger/FencedLedger, scripts/append.lua, election/shards/ShardOwnership",
				election::ledgerAndShards);
		ThumbnailSteps thumbnails = new ThumbnailSteps(this.client, this.stack.blobs(), this.stack.origin());
		step("Work queue and event pipeline: an image and a 30 s video through the gateway to the thumbnailer",
				"thumbnailer/pipeline/Topics, ThumbnailWorkers, FrameJoin, JobReducer", thumbnails::imageAndVideo);
		step("Decorator and event handler: a JSON job without a size, through the gateway and around it",
				"gateway/decorator/JsonDefaults, thumbnailer/pipeline/NotificationHandler", thumbnails::decoratedJobs);
		step("Publisher/subscriber on Kafka: a topic and a consumer group per stage, shared by two workers",
				"thumbnailer/pipeline/Topics, PipelineErrorHandling, StageMetrics",
				new KafkaSteps(this.client, this.stack)::topicsAndGroups);
		AdapterSteps adapters = new AdapterSteps(this.client, this.stack);
		step("Adapters: one metrics format, one log format, readiness made of real checks, in every app",
				"service-support/ServiceDefaults, search/leaf/index/IndexHealthIndicator, cache/shards/ShardsHealthIndicator",
				adapters::adapters);
		System.out.println();
		System.out.println(this.failed.isEmpty() ? "Tour: every step passed."
				: "Tour: FAILED steps " + this.failed.stream().map(FailedStep::title).toList());
		return List.copyOf(this.failed);
	}

	/**
	 * Ready is not warm: a just-started JVM answers its first requests slowly, and on a
	 * busy machine the first one through a route can miss the gateway's time limit. One
	 * request per route until each has answered without a 5xx, before the steps count.
	 */
	private void warmUp() {
		List<URI> routes = List.of(GATEWAY.resolve("/api/v1/cache/warm-up"), GATEWAY.resolve("/api/v1/search?q=warm"),
				GATEWAY.resolve("/api/v1/election/leader"),
				GATEWAY.resolve("/api/v1/jobs/00000000-0000-0000-0000-000000000000"));
		long started = System.nanoTime();
		List<URI> cold = new ArrayList<>(routes);
		while (!cold.isEmpty() && System.nanoTime() - started < Duration.ofSeconds(60).toNanos()) {
			cold.removeIf((uri) -> {
				try {
					return this.client.get(uri).statusCode() < 500;
				}
				catch (Exception ex) {
					return false;
				}
			});
		}
		System.out.printf("%nWarm-up: %d routes through the gateway answered in %d ms%s%n", routes.size() - cold.size(),
				Duration.ofNanos(System.nanoTime() - started).toMillis(),
				cold.isEmpty() ? "" : "; still failing: " + cold);
	}

	private void step(String title, String read, Step step) {
		PrintStream console = System.out;
		ByteArrayOutputStream transcript = new ByteArrayOutputStream();
		System.setOut(new PrintStream(new TeeOutputStream(console, transcript), true, StandardCharsets.UTF_8));
		try {
			System.out.println();
			System.out.println("== " + title);
			System.out.println("   read: " + read);
			boolean passed;
			try {
				passed = step.run();
				System.out.println(passed ? "   PASS" : "   FAIL");
			}
			catch (Exception ex) {
				passed = false;
				System.out.println("   FAIL: " + ex);
			}
			if (!passed) {
				this.failed.add(new FailedStep(title, transcript.toString(StandardCharsets.UTF_8)));
			}
		}
		finally {
			System.setOut(console);
		}
	}

	private boolean shardedCache() throws Exception {
		long[] before = keysPerShard();
		for (int i = 0; i < KEYS; i++) {
			expect(send("PUT", GATEWAY.resolve("/api/v1/cache/tour-" + i), "value " + i), 204);
		}
		long[] after = keysPerShard();
		long total = 0;
		boolean everyShard = true;
		for (int shard = 0; shard < 3; shard++) {
			long added = after[shard] - before[shard];
			total += added;
			everyShard &= added > 0;
			System.out.printf("   shard-%d (redis :%d): %d keys%n", shard, 6390 + 2 * shard, added);
		}
		return everyShard && total == KEYS;
	}

	private boolean replicaServesReads() throws Exception {
		String key = keyOnShard("shard-0");
		RedisProcess primary = this.stack.redis().get("shard-0-primary");
		primary.kill();
		try {
			HttpResponse<String> read = send("GET", CACHE.resolve("/v1/cache/" + key), null);
			HttpResponse<String> write = send("PUT", CACHE.resolve("/v1/cache/" + key), "new");
			String source = read.headers().firstValue("X-Cache-Source").orElse("?");
			System.out.printf("   GET %s -> %d from %s; PUT -> %d%n", key, read.statusCode(), source,
					write.statusCode());
			return read.statusCode() == 200 && source.startsWith("replica") && write.statusCode() == 503;
		}
		finally {
			primary.restart();
			long restarted = System.nanoTime();
			boolean writable = false;
			while (!writable && System.nanoTime() - restarted < Duration.ofSeconds(20).toNanos()) {
				writable = send("PUT", CACHE.resolve("/v1/cache/" + key), "again").statusCode() == 204;
				Thread.sleep(writable ? 0 : 200);
			}
			System.out.printf(
					"   primary restarted empty (the replica resyncs from it: a cache may lose entries);"
							+ " writes accepted again after %d ms (circuit breaker half-open, then closed)%n",
					Duration.ofNanos(System.nanoTime() - restarted).toMillis());
		}
	}

	private boolean hotKey() throws Exception {
		expect(send("PUT", CACHE.resolve("/v1/cache/headline"), "big news"), 204);
		String source = "";
		for (int i = 0; i < 80; i++) {
			source = send("GET", CACHE.resolve("/v1/cache/headline"), null).headers()
				.firstValue("X-Cache-Source")
				.orElse("");
		}
		JsonNode hot = this.client.getJson(CACHE.resolve("/v1/hotkeys"));
		System.out.printf("   hot keys: %s; last read served from %s%n", hot.findValuesAsString("key"), source);
		return hot.findValuesAsString("key").contains("headline") && source.equals("near-cache");
	}

	private boolean resharding() throws Exception {
		String body = "{\"name\":\"shard-3\",\"primary\":\"redis://localhost:" + Stack.SPARE_SHARD + "\"}";
		JsonNode added = this.client
			.json(this.client.sendJson("POST", CACHE.resolve("/v1/shards"), body, RESHARDING_TIMEOUT), 200);
		JsonNode removed = this.client.json(send("DELETE", CACHE.resolve("/v1/shards/shard-3"), null), 200);
		long moved = field(added, "keysMoved").asLong();
		double fraction = field(added, "movedFraction").asDouble();
		System.out.printf("   add shard-3: %d of %d keys moved (%.1f%%, ideal 25%%; hash %% N would move 75%%)%n",
				moved, field(added, "keysScanned").asLong(), 100 * fraction);
		System.out.printf("   remove shard-3: %d keys moved back%n", field(removed, "keysMoved").asLong());
		return fraction <= 0.275 && field(removed, "keysMoved").asLong() == moved;
	}

	private boolean scatterGather() throws Exception {
		// A cold JVM's first queries load classes and compile code paths; don't time
		// those.
		for (String warmUp : List.of("wolf", "lion OR fox", "cat")) {
			this.client.get(SEARCH_ROOT.resolve("/v1/search?q=" + encode(warmUp)));
		}
		JsonNode answer = search(GATEWAY.resolve("/api/v1/search?q=" + encode("cat AND dog")));
		for (JsonNode hit : field(answer, "hits")) {
			System.out.printf("   %-12s shard %d  %.3f  %s%n", hit.get("id").asString(), hit.get("shard").asInt(),
					hit.get("score").asDouble(), hit.get("title").asString());
		}
		System.out.printf("   totalHits %d, partial %s, %d ms in the root%n", field(answer, "totalHits").asLong(),
				field(answer, "partial").asBoolean(), field(answer, "tookMs").asLong());
		return field(answer, "totalHits").asLong() > 0 && !field(answer, "partial").asBoolean();
	}

	private boolean partialAnswer() throws Exception {
		AppProcess leaf = this.stack.app("search-leaf-8093");
		leaf.stop();
		try {
			JsonNode answer = search(SEARCH_ROOT.resolve("/v1/search?q=" + encode("lion OR fox")));
			System.out.printf("   partial %s, missing shards %s, %d hits from the others, %d ms%n",
					field(answer, "partial").asBoolean(), field(answer, "missingShards"),
					field(answer, "totalHits").asLong(), field(answer, "tookMs").asLong());
			return field(answer, "partial").asBoolean() && field(answer, "missingShards").toString().equals("[2]");
		}
		finally {
			leaf.start();
			boolean ready = leaf.awaitReady(Duration.ofMinutes(2));
			System.out.println("   leaf restarted, ready again: " + ready);
		}
	}

	/**
	 * One of shard 0's two leaves frozen: every query has one round (statistics or
	 * search) whose first request goes to it. A hedge to the other replica after the
	 * shard's recent p95 answers instead, as long as the hedge budget lasts; past it, the
	 * shard is left out at the deadline. Either way no query waits on the frozen leaf.
	 */
	private boolean hedging() throws Exception {
		AppProcess straggler = this.stack.app("search-leaf-8091");
		double sentBefore = hedges("sent");
		double wonBefore = hedges("won");
		List<Long> took = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		int partial = 0;
		straggler.pause();
		try {
			for (String query : List.of("cat", "dog", "fox", "wolf", "lion", "cat AND dog")) {
				JsonNode answer = search(SEARCH_ROOT.resolve("/v1/search?q=" + encode(query)));
				took.add(field(answer, "tookMs").asLong());
				missing.add(field(answer, "missingShards").toString());
				partial += field(answer, "partial").asBoolean() ? 1 : 0;
			}
		}
		finally {
			straggler.resume();
		}
		double sent = hedges("sent") - sentBefore;
		double won = hedges("won") - wonBefore;
		System.out.printf("   leaf :8091 frozen (SIGSTOP); 6 searches took %s ms in the root (deadline 1000 ms)%n",
				took);
		System.out.printf(
				"   hedges to :8090 sent %.0f, won %.0f; %d answers partial (shard 0 left out at the "
						+ "deadline once its hedge budget, 5%% of its requests, was spent); missing shards %s%n",
				sent, won, partial, missing);
		return won > 0 && took.stream().allMatch((millis) -> millis < 1100);
	}

	private double hedges(String outcome) throws Exception {
		return Scrape.sum(this.client, 8082, "search_root_hedges_" + outcome + "_total", "shard=\"0\"");
	}

	private JsonNode search(URI uri) throws Exception {
		return this.client.getJson(uri);
	}

	private String keyOnShard(String shard) throws Exception {
		for (int i = 0; i < KEYS; i++) {
			JsonNode location = this.client.getJson(CACHE.resolve("/v1/shards/locate/tour-" + i));
			if (field(location, "shard").asString().equals(shard)) {
				return "tour-" + i;
			}
		}
		throw new IllegalStateException("no tour key on " + shard);
	}

	private long[] keysPerShard() throws IOException {
		long[] keys = new long[3];
		for (int shard = 0; shard < 3; shard++) {
			String reply = RespProbe.call(new InetSocketAddress("127.0.0.1", 6390 + 2 * shard), "DBSIZE", 2000);
			keys[shard] = Long.parseLong(reply.substring(1));
		}
		return keys;
	}

	private HttpResponse<String> send(String method, URI uri, String body) throws Exception {
		return this.client.send(method, uri, body);
	}

	private static String encode(String query) {
		return URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * A step that did not pass.
	 *
	 * @param title the step's title
	 * @param transcript everything the step printed, its answers and reasons included
	 */
	record FailedStep(String title, String transcript) {

		@Override
		public String toString() {
			return this.transcript;
		}

	}

	@FunctionalInterface
	private interface Step {

		boolean run() throws Exception;

	}

}
