package dev.ddspatterns.search.root;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Scatter/gather answers exactly what one big index answers: the corpus split over 1, 2
 * and 4 real leaves gives the same top 10, in the same order, with the same total and the
 * same scores as a single Lucene index built here over the whole corpus.
 */
class ScatterGatherIntegrationTests {

	static final Path CORPUS = Path.of("..", "corpus").toAbsolutePath().normalize();

	static final List<String> QUERIES = List.of("cat", "dog", "cat AND dog", "cat OR dog", "fox NOT grapes",
			"\"the lion\"", "wolf lamb", "+mouse -lion", "crow cheese", "man");

	static final List<RunningApp> apps = new ArrayList<>();

	static SingleIndex single;

	static Map<Integer, RunningApp> roots;

	@BeforeAll
	static void startLeavesAndRoots() throws Exception {
		single = SingleIndex.of(CORPUS);
		roots = Map.of(1, rootOver(1), 2, rootOver(2), 4, rootOver(4));
	}

	private static RunningApp rootOver(int shardCount) {
		List<List<RunningApp>> shards = new ArrayList<>();
		for (int shard = 0; shard < shardCount; shard++) {
			RunningApp leaf = RunningApp.leaf(CORPUS.toString(), shard, shardCount, Map.of());
			apps.add(leaf);
			shards.add(List.of(leaf));
		}
		// A generous deadline: these tests compare answers, and a busy build machine must
		// not
		// turn a slow leaf into a partial one.
		RunningApp root = RunningApp.root(shards, Map.of("suite.search.deadline", "5s"));
		apps.add(root);
		return root;
	}

	@AfterAll
	static void stopAll() throws Exception {
		apps.forEach(RunningApp::close);
		single.close();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 4 })
	void shardedAnswersEqualOneBigIndex(int shardCount) throws Exception {
		RestTestClient http = client(roots.get(shardCount));
		int queriesWithHits = 0;
		for (String query : QUERIES) {
			SingleIndex.Answer expected = single.search(query, 10);
			SearchAnswer actual = search(http, query, true);
			assertThat(actual.partial()).isFalse();
			assertThat(actual.totalHits()).as("totalHits of %s", query).isEqualTo(expected.totalHits());
			assertThat(actual.hits()).extracting(SearchAnswer.Hit::id)
				.as("top 10 of %s", query)
				.containsExactlyElementsOf(expected.ids());
			for (int i = 0; i < actual.hits().size(); i++) {
				assertThat(actual.hits().get(i).score()).as("score of %s in %s", actual.hits().get(i).id(), query)
					.isCloseTo(expected.scores().get(i), within(1e-5));
			}
			if (expected.totalHits() > 0) {
				queriesWithHits++;
			}
		}
		assertThat(queriesWithHits).as("queries with hits in the corpus").isGreaterThanOrEqualTo(QUERIES.size() - 2);
	}

	@Test
	void withoutDistributedStatisticsScoresDriftFromOneBigIndex() throws Exception {
		RestTestClient http = client(roots.get(4));
		int queriesWithOtherScores = 0;
		int queriesWithOtherOrder = 0;
		for (String query : QUERIES) {
			SingleIndex.Answer expected = single.search(query, 10);
			SearchAnswer local = search(http, query, false);
			assertThat(local.totalHits()).isEqualTo(expected.totalHits());
			List<String> ids = local.hits().stream().map(SearchAnswer.Hit::id).toList();
			if (!ids.equals(expected.ids())) {
				queriesWithOtherOrder++;
			}
			boolean scoresDiffer = IntStream.range(0, Math.min(ids.size(), expected.scores().size()))
				.anyMatch((i) -> Math.abs(local.hits().get(i).score() - expected.scores().get(i)) > 1e-5);
			if (scoresDiffer) {
				queriesWithOtherScores++;
			}
		}
		System.out.printf("dfs=false over 4 shards: %d of %d queries score differently, %d rank differently%n",
				queriesWithOtherScores, QUERIES.size(), queriesWithOtherOrder);
		assertThat(queriesWithOtherScores).isPositive();
	}

	@Test
	void badQueriesAndParametersAreProblems() {
		RestTestClient http = client(roots.get(2));
		for (String uri : List.of("/v1/search?q=", "/v1/search", "/v1/search?q=cat&k=0", "/v1/search?q=cat&k=1001",
				"/v1/search?q=cat&k=ten", "/v1/search?q=cat AND (dog")) {
			http.get()
				.uri(uri)
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.BAD_REQUEST)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.value(String.class, (type) -> assertThat(type).endsWith("invalid-request"));
		}
	}

	static RestTestClient client(RunningApp root) {
		return RestTestClient.bindToServer().baseUrl(root.uri().toString()).build();
	}

	static SearchAnswer search(RestTestClient http, String query, boolean dfs) {
		return http.get()
			.uri((builder) -> builder.path("/v1/search")
				.queryParam("q", "{q}")
				.queryParam("k", 10)
				.queryParam("dfs", dfs)
				.build(query))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(SearchAnswer.class)
			.getResponseBody();
	}

	/** The root's answer as a client reads it. */
	record SearchAnswer(String query, List<Hit> hits, long totalHits, boolean partial, List<Integer> missingShards,
			long tookMs) {

		record Hit(String id, String title, double score, String snippet, int shard) {
		}

	}

}
