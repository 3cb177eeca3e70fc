package dev.ddspatterns.search.root;

import java.util.List;

import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A test's client of a running root: a search sent as a client sends it, the answer read
 * as a client reads it.
 */
final class RootClient {

	private final RestTestClient http;

	RootClient(RunningApp root) {
		this.http = RestTestClient.bindToServer().baseUrl(root.uri().toString()).build();
	}

	/** For requests other than a search that answers 200. */
	RestTestClient http() {
		return this.http;
	}

	/**
	 * @param query the query
	 * @param dfs whether the root scores with distributed statistics
	 * @return the top 10, which must have been answered with 200
	 */
	SearchAnswer search(String query, boolean dfs) {
		return this.http.get()
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
			long tookMs, boolean approximate, List<String> approximations) {

		record Hit(String id, String title, double score, String snippet, int shard) {
		}

	}

}
