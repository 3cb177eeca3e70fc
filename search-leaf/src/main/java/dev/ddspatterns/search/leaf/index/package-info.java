/**
 * The shard's Lucene index: which documents belong to it
 * ({@link dev.ddspatterns.search.leaf.index.ShardAssignment}), how they are analysed and
 * mapped to fields ({@link dev.ddspatterns.search.leaf.index.LeafAnalyzer},
 * {@link dev.ddspatterns.search.leaf.index.LeafDocuments}), and how it is loaded in the
 * background and swapped on reload without downtime
 * ({@link dev.ddspatterns.search.leaf.index.LeafIndex}). Start with {@code LeafIndex}.
 */
package dev.ddspatterns.search.leaf.index;
