/**
 * search-root: the root of a scatter/gather search.
 *
 * <p>
 * The "Scatter/Gather" chapter of <em>Designing Distributed Systems</em>: every query is
 * sent to every leaf shard at once and the partial answers are merged, so one query uses
 * the CPUs and memory of many machines. Three problems of the pattern are solved here,
 * each in one class: scores that are comparable across shards ({@link StatisticsMerge},
 * the distributed-frequency phase), a deadline that turns a dead or slow leaf into a
 * partial answer instead of a hang ({@link ScatterGather}), and stragglers, cut off by
 * hedged requests to another replica ({@link HedgedRequest}). Read {@link ScatterGather}
 * first.
 */
package dev.ddspatterns.search.root;
