package dev.ddspatterns.load;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.RawFileBodyPart;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Load on the gateway's routes, as users of the suite would send it: searches, cache
 * writes and reads, and thumbnail jobs. Every user comes from an address of its own, as
 * users behind a load balancer do: {@code X-Forwarded-For}, which the demo's gateway
 * believes from 127.0.0.1. So the rate limiter sees many callers; a 429 is an answer the
 * gateway is meant to give, not an error. (Invented API keys would be refused with 401:
 * only registered keys name a caller. Against a gateway that trusts no proxy, such as
 * compose's, every user is one caller and most requests are 429s.)
 *
 * <p>
 * Settings (system properties): {@code baseUrl} (default {@code http://localhost:8080}),
 * {@code usersPerSecond} for searches (default 20; cache traffic is twice that, jobs a
 * tenth), {@code seconds} (default 60).
 */
public class GatewaySimulation extends Simulation {

	private static final String BASE_URL = System.getProperty("baseUrl", "http://localhost:8080");

	private static final double RATE = Double.parseDouble(System.getProperty("usersPerSecond", "20"));

	private static final Duration DURATION = Duration.ofSeconds(Long.getLong("seconds", 60));

	private static final String[] WORDS = { "cat", "dog", "fox", "king", "queen", "wolf", "bird", "gold", "tree",
			"river", "cat AND dog", "fox OR wolf" };

	private static final Random random = new Random(7);

	private static final Iterator<Map<String, Object>> users = Stream.iterate(0, (user) -> user + 1)
		.map((user) -> Map.<String, Object>of("address",
				"10." + (user >> 16 & 255) + "." + (user >> 8 & 255) + "." + (user & 255), "word",
				WORDS[random.nextInt(WORDS.length)], "key", "load-key-" + random.nextInt(10_000)))
		.iterator();

	private final HttpProtocolBuilder gateway = http.baseUrl(BASE_URL)
		.acceptHeader("application/json")
		.header("X-Forwarded-For", "#{address}");

	private final ScenarioBuilder search = scenario("search").feed(users)
		.exec(http("GET /api/v1/search").get("/api/v1/search").queryParam("q", "#{word}").check(status().in(200, 429)));

	private final ScenarioBuilder cache = scenario("cache put and get").feed(users)
		.exec(http("PUT /api/v1/cache/{key}").put("/api/v1/cache/#{key}")
			.header("Content-Type", "text/plain")
			.body(StringBody("value of #{key}"))
			.check(status().in(204, 429)))
		.exec(http("GET /api/v1/cache/{key}").get("/api/v1/cache/#{key}").check(status().in(200, 404, 429)));

	private final ScenarioBuilder jobs = scenario("thumbnail job").feed(users)
		.exec(http("POST /api/v1/jobs").post("/api/v1/jobs")
			.queryParam("width", "160")
			.queryParam("height", "90")
			.bodyPart(RawFileBodyPart("file", "picture.png").contentType("image/png").fileName("picture.png"))
			.asMultipartForm()
			.check(status().in(202, 429)));

	{
		setUp(search.injectOpen(constantUsersPerSec(RATE).during(DURATION)),
				cache.injectOpen(constantUsersPerSec(2 * RATE).during(DURATION)),
				jobs.injectOpen(constantUsersPerSec(Math.max(0.1, RATE / 10)).during(DURATION)))
			.protocols(this.gateway)
			.assertions(global().failedRequests().percent().lt(1.0));
	}

}
