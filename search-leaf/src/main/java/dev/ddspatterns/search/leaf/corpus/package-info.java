/**
 * The corpus a leaf indexes: reading JSON-lines, text and Markdown files into
 * {@link dev.ddspatterns.search.leaf.corpus.CorpusDocument}s
 * ({@link dev.ddspatterns.search.leaf.corpus.CorpusReader}), and telling by polling when
 * a corpus directory changed ({@link dev.ddspatterns.search.leaf.corpus.CorpusSource}).
 */
package dev.ddspatterns.search.leaf.corpus;
