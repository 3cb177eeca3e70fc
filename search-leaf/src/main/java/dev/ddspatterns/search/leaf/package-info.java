/**
 * search-leaf: one shard of a text corpus in an Apache Lucene index, the leaf of a
 * scatter/gather search.
 *
 * <p>
 * The pattern of the "Scatter/Gather" chapter of <em>Designing Distributed Systems</em>:
 * a root sends every query to all leaves at once, each leaf searches only its shard, and
 * the root merges their top hits. This module is the leaf. Read
 * {@link dev.ddspatterns.search.leaf.search.ShardSearcher} first, then
 * {@link dev.ddspatterns.search.leaf.search.GlobalStatisticsSearcher} (why scores from
 * different leaves can be merged at all),
 * {@link dev.ddspatterns.search.leaf.index.LeafIndex} (how a reload swaps the index
 * without downtime) and {@link dev.ddspatterns.search.leaf.index.ShardAssignment} (which
 * documents a leaf owns).
 *
 * <h2>Run it</h2>
 *
 * <pre>
 * ./mvnw -pl search-leaf -am install -DskipTests
 * java -jar search-leaf/target/search-leaf-0.1.0-SNAPSHOT-exec.jar \
 *     --suite.search.leaf.shard-index=0 --suite.search.leaf.shard-count=2
 * curl 'localhost:8090/v1/search?q=fox+AND+grapes'
 * </pre>
 *
 * <h2>API</h2>
 * <ul>
 * <li>{@code GET /v1/search?q=&k=} (k from 1 to 100, default 10) answers
 * {@code {"shard":0,"hits":[{"id","title","score","snippet"}],"totalHits":42,"tookMs":3,
 * "approximate":false,"approximations":[]}}: the best k hits of the shard by BM25 score,
 * ties by id ascending, with the exact number of matches, and whether the scores may
 * differ from one index's over the whole corpus ({@code SHARD_STATISTICS},
 * {@code SHARD_EXPANSION}). {@code q} is Lucene's classic syntax over {@code title} and
 * {@code body}, OR by default: {@code cat AND dog}, {@code cat NOT dog},
 * {@code "black cat"}, {@code title:fox}, {@code *:*}, {@code lion~}, {@code wol*}. The
 * snippet is an HTML fragment of at most about 160 characters of the body with the
 * matches in {@code <b>..</b>}.</li>
 * <li>{@code GET /v1/stats?q=} answers the shard's statistics for distributed scoring:
 * {@code {"shard":0,"fields":[{"field","maxDoc","docCount","sumTotalTermFreq","sumDocFreq"}],
 * "terms":[{"field","term","docFreq","totalTermFreq"}],
 * "expansions":[{"query","field","maxTerms","terms":[{"term","boost","docFreq","totalTermFreq"}]}]}},
 * for every term the query scores (also those absent from the shard, with zeros), the 50
 * closest terms of the shard for each fuzzy query, and every field they are in.</li>
 * <li>{@code POST /v1/search} with
 * {@code {"q","k","stats":{"fields":[..],"terms":[..],"expansions":[..]}}} answers like
 * {@code GET} but scores with the statistics given, which a root sums over all leaves'
 * {@code /v1/stats} answers, and expands each fuzzy query to the terms given, which a
 * root chooses from theirs: every leaf then scores every document exactly as one index
 * over the whole corpus would.</li>
 * <li>{@code GET /v1/index} answers
 * {@code {"shard","shardCount","documents","generation","loadedAt","corpus"}}; generation
 * is 0 until the first load and grows by one on every reload.</li>
 * <li>Errors are RFC 9457 problems: bad {@code q}, {@code k}, body or query syntax are
 * 400 {@code urn:dds-suite:problem:invalid-request} (a syntax error's {@code detail} is
 * the parser's message); a search before the first load and an injected failure are 503
 * {@code urn:dds-suite:problem:unavailable}.</li>
 * </ul>
 * {@code /readyz} is 503 until the shard's first index is loaded (health component
 * {@code index}); the load runs in the background after start-up. Every search and stats
 * request is timed as {@code search.leaf.requests} with tags {@code phase}
 * ({@code search}, {@code stats}) and {@code outcome} ({@code success},
 * {@code client-error}, {@code server-error}).
 *
 * <h2>Settings</h2> Prefix {@code suite.search.leaf} ({@link SearchLeafProperties}):
 * {@code shard-index} (0) and {@code shard-count} (1); {@code corpus}, a directory read
 * recursively ({@code *.jsonl} one {@code {"id","title","body"}} a line, {@code *.txt}
 * and {@code *.md} one document a file) and polled every {@code reload-interval} (2s),
 * or, when not set, the repository's {@code corpus/} folder packed into the jar, read
 * once; {@code faults.delay-fraction} (0), {@code faults.delay} (500ms),
 * {@code faults.failure-rate} (0) and {@code faults.seed} for the search endpoints. The
 * port is 8090.
 */
package dev.ddspatterns.search.leaf;
