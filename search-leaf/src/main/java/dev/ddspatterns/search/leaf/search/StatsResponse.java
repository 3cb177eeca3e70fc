package dev.ddspatterns.search.leaf.search;

import java.util.List;

/**
 * The statistics a root needs to score a query the same way on every leaf (distributed
 * frequencies, DFS): those of every term of the query and of every field those terms are
 * in, as this shard sees them. The root sums them over the leaves and sends them back
 * with the query.
 *
 * @param shard the shard that answered
 * @param fields statistics of each field the query's terms are in
 * @param terms statistics of each term of the query, also those absent from this shard
 * @param expansions each fuzzy query's candidate terms on this shard, with their
 * statistics
 */
record StatsResponse(int shard, List<FieldStats> fields, List<TermStats> terms, List<TermExpansion> expansions) {
}
