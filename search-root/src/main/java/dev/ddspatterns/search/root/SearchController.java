package dev.ddspatterns.search.root;

import java.nio.charset.StandardCharsets;

import dev.ddspatterns.search.root.ScatterGather.SearchResult;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/search?q=cat AND dog&k=10}: one answer over all shards.
 * {@code dfs=false} skips the statistics round (faster, scores only approximately
 * comparable across shards; the answer says {@code approximate} when they are). A partial
 * answer, missing a shard that did not answer in time, is
 * {@code Cache-Control: no-store}: a cache in front (the gateway's, the read-through in
 * cache-service) would otherwise serve the gap long after the shard is back.
 */
@RestController
class SearchController {

	/**
	 * The longest query, in UTF-8 bytes. It travels to the leaves percent-encoded in a
	 * URL, three characters a byte at worst, and a leaf refuses a URI over 8 KB
	 * ({@code suite.http.max-uri-size}): 6 KB of query leaves room for the rest. Refused
	 * here, a query too long is a 400 before any leaf is asked.
	 * <p>
	 * The same limit bounds a query's clauses at {@value #MAX_CLAUSES}, the leaves'
	 * Lucene limit: each term the analyzer makes takes at least two bytes (a character
	 * and a separator, or one character of two bytes or more), so no query the root sends
	 * on has more clauses than a leaf accepts. What only a leaf's index can count, the
	 * terms a wildcard or fuzzy term expands to, a leaf refuses with a 400 the root
	 * passes on.
	 */
	static final int MAX_QUERY_BYTES = 2048;

	/**
	 * The most clauses a query may have: Lucene's default
	 * ({@code IndexSearcher.getMaxClauseCount()}), which the leaves keep.
	 */
	static final int MAX_CLAUSES = 1024;

	private final ScatterGather scatterGather;

	private final SearchRootProperties properties;

	SearchController(ScatterGather scatterGather, SearchRootProperties properties) {
		this.scatterGather = scatterGather;
		this.properties = properties;
	}

	@GetMapping("/v1/search")
	ResponseEntity<SearchResult> search(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "k", defaultValue = "10") int k,
			@RequestParam(name = "dfs", required = false) Boolean dfs) {
		if (q == null || q.isBlank()) {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "Parameter q must not be empty");
		}
		int bytes = q.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_QUERY_BYTES) {
			throw new ProblemException(ProblemType.INVALID_REQUEST,
					"Parameter q is " + bytes + " bytes long (UTF-8); the limit is " + MAX_QUERY_BYTES);
		}
		if (k < 1 || k > this.properties.maxK()) {
			throw new ProblemException(ProblemType.INVALID_REQUEST,
					"Parameter k must be between 1 and " + this.properties.maxK() + ", was " + k);
		}
		SearchResult result = this.scatterGather.search(q, k, (dfs != null) ? dfs : this.properties.dfs());
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		if (result.partial()) {
			answer.cacheControl(CacheControl.noStore());
		}
		return answer.body(result);
	}

}
