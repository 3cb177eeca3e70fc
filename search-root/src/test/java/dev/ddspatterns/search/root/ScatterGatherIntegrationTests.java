package dev.ddspatterns.search.root;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import dev.ddspatterns.search.root.RootClient.SearchAnswer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Scatter/gather answers exactly what one big index answers: the corpus split over 1, 2
 * and 4 real leaves gives the same top 10, in the same order, with the same total and the
 * same scores as a single Lucene index built here over the whole corpus.
 */
class ScatterGatherIntegrationTests {

	private static final List<String> QUERIES = TestCorpus.QUERIES;

	/**
	 * Queries Lucene expands to the index's terms. A fuzzy query scores its 50 closest
	 * terms with blended statistics; {@code cat~2} and {@code ox~2} have more than 50
	 * candidates, so which 50 depends on every shard's terms. Prefix, wildcard, regular
	 * expression and range queries score every match alike.
	 */
	static final List<String> MULTI_TERM_QUERIES = List.of("lion~", "fox~0", "shepherd~1", "cat~2", "ox~2",
			"title:fox~", "lion~ lion", "wolf~ AND lamb", "mouse -lion~", "wol*", "title:f*", "l?on", "sh*p",
			"/wol[fv].*/", "/[ck]at/", "[lamb TO lion]");

	static final List<RunningApp> apps = new ArrayList<>();

	static SingleIndex single;

	static Map<Integer, RunningApp> roots;

	@BeforeAll
	static void startLeavesAndRoots() throws Exception {
		single = SingleIndex.of(TestCorpus.PATH);
		roots = Map.of(1, rootOver(1), 2, rootOver(2), 4, rootOver(4));
	}

	private static RunningApp rootOver(int shardCount) {
		List<List<RunningApp>> shards = new ArrayList<>();
		for (int shard = 0; shard < shardCount; shard++) {
			RunningApp leaf = RunningApp.leaf(shard, shardCount, Map.of());
			apps.add(leaf);
			shards.add(List.of(leaf));
		}
		// A generous deadline: these tests compare answers, and a busy build machine must
		// not turn a slow leaf into a partial one.
		RunningApp root = RunningApp.root(shards, Map.of("suite.search.deadline", "5s"));
		apps.add(root);
		return root;
	}

	@AfterAll
	static void stopAll() throws Exception {
		apps.forEach(RunningApp::close);
		single.close();
	}

	@ParameterizedTest(name = "{1} over {0} shards")
	@MethodSource("everyQueryOverOneTwoAndFourShards")
	void shardedAnswersEqualOneBigIndex(int shardCount, String query) throws Exception {
		SingleIndex.Answer expected = single.search(query, 10);
		SearchAnswer actual = new RootClient(roots.get(shardCount)).search(query, true);
		assertThat(actual.partial()).isFalse();
		assertThat(actual.approximate()).as("approximate %s", actual.approximations()).isFalse();
		assertEqualsOneBigIndex(actual, expected);
	}

	static Stream<Arguments> everyQueryOverOneTwoAndFourShards() {
		return Stream.of(1, 2, 4)
			.flatMap((shards) -> Stream.concat(QUERIES.stream(), MULTI_TERM_QUERIES.stream())
				.map((query) -> Arguments.of(shards, query)));
	}

	@Test
	void theQueriesFindDocuments() throws Exception {
		long queriesWithHits = 0;
		for (String query : QUERIES) {
			queriesWithHits += (single.search(query, 10).totalHits() > 0) ? 1 : 0;
		}
		assertThat(queriesWithHits).as("queries with hits in the corpus").isGreaterThanOrEqualTo(QUERIES.size() - 2);
		for (String query : MULTI_TERM_QUERIES) {
			assertThat(single.search(query, 10).totalHits()).as("hits of %s", query).isPositive();
		}
	}

	@Test
	void withoutDistributedStatisticsScoresDriftFromOneBigIndex() throws Exception {
		RootClient http = new RootClient(roots.get(4));
		int queriesWithOtherScores = 0;
		int queriesWithOtherOrder = 0;
		for (String query : QUERIES) {
			SingleIndex.Answer expected = single.search(query, 10);
			SearchAnswer local = http.search(query, false);
			assertThat(local.totalHits()).isEqualTo(expected.totalHits());
			assertThat(local.approximations()).as(query).containsExactly("SHARD_STATISTICS");
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

	/**
	 * Without the statistics round, an answer that is not marked approximate must still
	 * be one index's: prefix, wildcard, regular expression and range queries score every
	 * match alike on any shard; fuzzy queries, expanded and scored shard by shard, say
	 * so.
	 */
	@ParameterizedTest(name = "{0}")
	@FieldSource("MULTI_TERM_QUERIES")
	void withoutDistributedStatisticsAnAnswerIsOneIndexsOrMarkedApproximate(String query) throws Exception {
		SearchAnswer local = new RootClient(roots.get(4)).search(query, false);

		if (query.contains("~")) {
			assertThat(local.approximations()).contains("SHARD_EXPANSION");
		}
		else {
			assertThat(local.approximate()).as("approximate %s", local.approximations()).isFalse();
			assertEqualsOneBigIndex(local, single.search(query, 10));
		}
	}

	@Test
	void badQueriesAndParametersAreProblems() {
		RootClient http = new RootClient(roots.get(2));
		for (String uri : List.of("/v1/search?q=", "/v1/search", "/v1/search?q=cat&k=0", "/v1/search?q=cat&k=1001",
				"/v1/search?q=cat&k=ten", "/v1/search?q=cat AND (dog")) {
			http.http()
				.get()
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

	private static void assertEqualsOneBigIndex(SearchAnswer actual, SingleIndex.Answer expected) {
		String query = actual.query();
		assertThat(actual.totalHits()).as("totalHits of %s", query).isEqualTo(expected.totalHits());
		assertThat(actual.hits()).extracting(SearchAnswer.Hit::id)
			.as("top 10 of %s", query)
			.containsExactlyElementsOf(expected.ids());
		for (int i = 0; i < actual.hits().size(); i++) {
			assertThat(actual.hits().get(i).score()).as("score of %s in %s", actual.hits().get(i).id(), query)
				.isCloseTo(expected.scores().get(i), within(1e-5));
		}
	}

}
