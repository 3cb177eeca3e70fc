package dev.ddspatterns.search.leaf.search;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.search.leaf.LeafApi;
import dev.ddspatterns.search.leaf.TestCorpus;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leaf's HTTP API, in the exact JSON shapes search-root relies on: search with local
 * or global statistics, the statistics themselves, the index status and the timer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "suite.search.leaf.corpus=classpath:" + TestCorpus.LOCATION)
class SearchApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	RestTestClient http;

	@BeforeEach
	void awaitTheIndex() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.http.get().uri("/readyz").exchange().returnResult().getStatus().value() == 200);
	}

	@Test
	void searchAnswersInTheDocumentedShape() {
		this.http.get()
			.uri("/v1/search?q=grapes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.shard")
			.isEqualTo(0)
			.jsonPath("$.totalHits")
			.isEqualTo(1)
			.jsonPath("$.tookMs")
			.isNumber()
			.jsonPath("$.approximate")
			.isEqualTo(false)
			.jsonPath("$.approximations")
			.isEmpty()
			.jsonPath("$.hits[0].id")
			.isEqualTo("t-005")
			.jsonPath("$.hits[0].title")
			.isEqualTo("The Fox and the Grapes")
			.jsonPath("$.hits[0].score")
			.isNumber()
			.jsonPath("$.hits[0].snippet")
			.value(String.class, (snippet) -> assertThat(snippet).contains("<b>grapes</b>"));
	}

	@Test
	void kLimitsTheHitsButNotTheCount() {
		LeafApi.Hits hits = search("*:*", 5);

		assertThat(hits.ids()).containsExactlyElementsOf(TestCorpus.IDS.subList(0, 5));
		assertThat(hits.totalHits()).isEqualTo(TestCorpus.IDS.size());
		assertThat(search("*:*", 10).hits()).hasSize(10);
	}

	@Test
	void statsGiveEachTermsDocumentFrequencyAndItsFieldsSize() {
		LeafApi.Stats stats = this.http.get()
			.uri("/v1/stats?q={q}", "cats AND dog")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LeafApi.Stats.class)
			.returnResult()
			.getResponseBody();

		assertThat(stats.shard()).isZero();
		assertThat(stats.terms()).containsExactly(CorpusCounts.term("body", "cat"), CorpusCounts.term("body", "dog"),
				CorpusCounts.term("title", "cat"), CorpusCounts.term("title", "dog"));
		assertThat(stats.fields()).extracting(LeafApi.FieldStats::field).containsExactly("body", "title");
		LeafApi.FieldStats body = stats.fields().get(0);
		assertThat(body.maxDoc()).isEqualTo(TestCorpus.IDS.size());
		assertThat(body.docCount()).isEqualTo(TestCorpus.IDS.size());
		assertThat(body.sumTotalTermFreq()).isEqualTo(CorpusCounts.fieldLength("body"));
	}

	@Test
	void statsGiveEachFuzzyQuerysClosestTermsWithTheirCounts() {
		LeafApi.Stats stats = stats("lyon~1");

		assertThat(stats.terms()).isEmpty();
		assertThat(stats.fields()).extracting(LeafApi.FieldStats::field).containsExactly("body", "title");
		assertThat(stats.expansions()).extracting(LeafApi.Expansion::query)
			.containsExactly("body:lyon~1", "title:lyon~1");
		LeafApi.Expansion body = stats.expansions().get(0);
		assertThat(body.field()).isEqualTo("body");
		assertThat(body.maxTerms()).isEqualTo(50);
		LeafApi.TermStats lion = CorpusCounts.term("body", "lion");
		// One edit from a four-letter word: 1 - 1/4.
		assertThat(body.terms())
			.containsExactly(new LeafApi.ExpandedTerm("lion", 0.75f, lion.docFreq(), lion.totalTermFreq()));
	}

	@Test
	void postWithTheLocalStatisticsScoresLikeGet() {
		for (String q : List.of("cat OR dog", "lyon~ OR dog~")) {
			LeafApi.Stats local = stats(q);

			LeafApi.Hits posted = post(Map.of("q", q, "k", 20, "stats",
					Map.of("fields", local.fields(), "terms", local.terms(), "expansions", local.expansions())));

			assertThat(posted.hits()).as(q).isNotEmpty().isEqualTo(search(q, 20).hits());
			assertThat(posted.approximate()).isFalse();
		}
	}

	@Test
	void postWithOtherStatisticsChangesTheScores() {
		LeafApi.Stats local = stats("cat OR dog");
		// As if nine more shards like this one held many more documents about dogs, and
		// no more about cats.
		List<LeafApi.FieldStats> fields = local.fields()
			.stream()
			.map((f) -> new LeafApi.FieldStats(f.field(), f.maxDoc() * 10, f.docCount() * 10, f.sumTotalTermFreq() * 10,
					f.sumDocFreq() * 10))
			.toList();
		List<LeafApi.TermStats> terms = local.terms()
			.stream()
			.map((t) -> t.term().equals("dog")
					? new LeafApi.TermStats(t.field(), t.term(), t.docFreq() * 15, t.totalTermFreq() * 15) : t)
			.toList();

		LeafApi.Hits posted = post(
				Map.of("q", "cat OR dog", "k", 20, "stats", Map.of("fields", fields, "terms", terms)));
		LeafApi.Hits got = search("cat OR dog", 20);

		assertThat(posted.ids()).containsExactlyInAnyOrderElementsOf(got.ids());
		assertThat(posted.totalHits()).isEqualTo(got.totalHits());
		assertThat(posted.hits()).isNotEqualTo(got.hits());
		// Cats became rarer and dogs more common: cat-only documents gain, dog-only ones
		// lose.
		assertThat(score(posted, "t-002")).isGreaterThan(score(got, "t-002"));
		assertThat(score(posted, "t-003")).isLessThan(score(got, "t-003"));
	}

	@Test
	void everyRequestIsTimedByPhaseAndOutcome() {
		search("cat", 10);
		stats("cat");
		this.http.get().uri("/v1/search?q=").exchange();

		assertThat(count("search", "success")).isPositive();
		assertThat(count("stats", "success")).isPositive();
		assertThat(count("search", "client-error")).isPositive();
	}

	@Test
	void indexEndpointDescribesTheLoadedShard() {
		LeafApi.IndexStatus status = this.http.get()
			.uri("/v1/index")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LeafApi.IndexStatus.class)
			.returnResult()
			.getResponseBody();

		assertThat(status.shard()).isZero();
		assertThat(status.shardCount()).isOne();
		assertThat(status.documents()).isEqualTo(TestCorpus.IDS.size());
		assertThat(status.generation()).isOne();
		assertThat(status.loadedAt()).isNotNull();
	}

	private LeafApi.Hits search(String q, int k) {
		return this.http.get()
			.uri("/v1/search?q={q}&k={k}", q, k)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LeafApi.Hits.class)
			.returnResult()
			.getResponseBody();
	}

	private LeafApi.Stats stats(String q) {
		return this.http.get()
			.uri("/v1/stats?q={q}", q)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LeafApi.Stats.class)
			.returnResult()
			.getResponseBody();
	}

	private LeafApi.Hits post(Map<String, ?> body) {
		return postExchange(body).expectStatus().isOk().expectBody(LeafApi.Hits.class).returnResult().getResponseBody();
	}

	private RestTestClient.ResponseSpec postExchange(Map<String, ?> body) {
		return this.http.post().uri("/v1/search").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}

	private static float score(LeafApi.Hits hits, String id) {
		return hits.hits().stream().filter((hit) -> hit.id().equals(id)).findFirst().orElseThrow().score();
	}

	private double count(String phase, String outcome) {
		return this.meters.get("search.leaf.requests").tag("phase", phase).tag("outcome", outcome).timer().count();
	}

}
