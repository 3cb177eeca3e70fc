package dev.ddspatterns.search.leaf.index;

import java.time.Instant;

import dev.ddspatterns.search.leaf.corpus.CorpusSource;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/index}: which shard this leaf serves and which load of it. */
@RestController
class IndexController {

	private final LeafIndex index;

	private final ShardAssignment shard;

	private final String corpus;

	IndexController(LeafIndex index, ShardAssignment shard, CorpusSource source) {
		this.index = index;
		this.shard = shard;
		this.corpus = source.toString();
	}

	@GetMapping("/v1/index")
	IndexStatus status() {
		return this.index.current()
			.map((snapshot) -> new IndexStatus(this.shard.index(), this.shard.count(), snapshot.documents(),
					snapshot.generation(), snapshot.loadedAt(), this.corpus))
			.orElseGet(() -> new IndexStatus(this.shard.index(), this.shard.count(), 0, 0, null, this.corpus));
	}

	/**
	 * The state of the shard's index.
	 *
	 * @param shard this leaf's shard index
	 * @param shardCount how many shards there are
	 * @param documents documents in the current index
	 * @param generation 0 before the first load, then 1, 2, ... for every load
	 * @param loadedAt when the current index was published, null before the first load
	 * @param corpus where the corpus is read from
	 */
	record IndexStatus(int shard, int shardCount, int documents, long generation, @Nullable Instant loadedAt,
			String corpus) {
	}

}
