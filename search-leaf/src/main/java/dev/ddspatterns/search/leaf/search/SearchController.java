package dev.ddspatterns.search.leaf.search;

import java.io.IOException;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The leaf API a scatter/gather root calls:
 * <ul>
 * <li>{@code GET /v1/search?q=&k=}: the shard's best hits, scored with its own
 * statistics;</li>
 * <li>{@code GET /v1/stats?q=}: the shard's statistics of the query's terms;</li>
 * <li>{@code POST /v1/search}: the shard's best hits, scored with the global statistics
 * in the body.</li>
 * </ul>
 */
@RestController
@RequestMapping("/v1")
class SearchController {

	private final ShardSearcher searcher;

	SearchController(ShardSearcher searcher) {
		this.searcher = searcher;
	}

	@GetMapping("/search")
	SearchResponse search(@RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "" + ShardSearcher.DEFAULT_K) int k) throws IOException {
		return this.searcher.search(requireQuery(q), requireK(k), null);
	}

	@PostMapping("/search")
	SearchResponse search(@Valid @RequestBody SearchRequest request) throws IOException {
		return this.searcher.search(request.q(), request.hits(), request.stats());
	}

	@GetMapping("/stats")
	StatsResponse stats(@RequestParam(required = false) @Nullable String q) throws IOException {
		return this.searcher.statistics(requireQuery(q));
	}

	private static String requireQuery(@Nullable String q) {
		if (q == null || q.isBlank()) {
			throw SearchProblems.invalid("q must be a non-blank query");
		}
		return q;
	}

	private static int requireK(int k) {
		if (k < 1 || k > ShardSearcher.MAX_K) {
			throw SearchProblems.invalid("k must be between 1 and " + ShardSearcher.MAX_K + ", was " + k);
		}
		return k;
	}

}
