/**
 * The leaf's search API: queries over the shard, ranked by BM25 with the shard's own or
 * the global statistics, and the statistics themselves. Start with
 * {@link dev.ddspatterns.search.leaf.search.ShardSearcher}.
 */
package dev.ddspatterns.search.leaf.search;
