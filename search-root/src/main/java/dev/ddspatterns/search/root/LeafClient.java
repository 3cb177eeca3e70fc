package dev.ddspatterns.search.root;

import java.net.URI;

import dev.ddspatterns.search.root.LeafMessages.GlobalQuery;
import dev.ddspatterns.search.root.LeafMessages.LeafResult;
import dev.ddspatterns.search.root.LeafMessages.Statistics;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * HTTP calls to one leaf replica. Blocking calls, made on virtual threads: the code reads
 * top to bottom, a cancelled call is an interrupted thread, and a thread per in-flight
 * leaf call costs next to nothing. A 4xx answer means the query itself is bad (every leaf
 * would say the same), so it becomes a {@link RejectedQueryException} instead of a failed
 * shard.
 */
final class LeafClient {

	private final RestClient http;

	LeafClient(RestClient http) {
		this.http = http;
	}

	LeafResult search(URI leaf, String q, int k) {
		// Variables, not literals, so that '+' (Lucene's "required") is encoded as %2B.
		URI uri = UriComponentsBuilder.fromUri(leaf)
			.path("/v1/search")
			.query("q={q}&k={k}")
			.encode()
			.buildAndExpand(q, k)
			.toUri();
		return call(this.http.get().uri(uri), LeafResult.class);
	}

	LeafResult search(URI leaf, GlobalQuery query) {
		return call(this.http.post()
			.uri(UriComponentsBuilder.fromUri(leaf).path("/v1/search").build().toUri())
			.contentType(MediaType.APPLICATION_JSON)
			.body(query), LeafResult.class);
	}

	Statistics statistics(URI leaf, String q) {
		URI uri = UriComponentsBuilder.fromUri(leaf)
			.path("/v1/stats")
			.query("q={q}")
			.encode()
			.buildAndExpand(q)
			.toUri();
		return call(this.http.get().uri(uri), Statistics.class);
	}

	private static <T> T call(RestClient.RequestHeadersSpec<?> request, Class<T> answer) {
		return request.exchange((req, response) -> {
			if (response.getStatusCode().is4xxClientError()) {
				throw new RejectedQueryException(response.bodyTo(ProblemDetail.class));
			}
			if (!response.getStatusCode().is2xxSuccessful()) {
				throw new IllegalStateException(
						"Leaf " + req.getURI().getAuthority() + " answered " + response.getStatusCode().value());
			}
			return response.bodyTo(answer);
		});
	}

	/** A leaf refused the query as invalid; the client gets the leaf's explanation. */
	static final class RejectedQueryException extends RuntimeException {

		private final String detail;

		RejectedQueryException(ProblemDetail problem) {
			super((problem != null && problem.getDetail() != null) ? problem.getDetail() : "The query was rejected");
			this.detail = getMessage();
		}

		String detail() {
			return this.detail;
		}

	}

}
