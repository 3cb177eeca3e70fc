package dev.ddspatterns.search.leaf.index;

import java.time.Clock;

import dev.ddspatterns.search.leaf.SearchLeafProperties;
import dev.ddspatterns.search.leaf.corpus.CorpusSource;
import org.apache.lucene.analysis.Analyzer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shard this leaf serves, where its corpus comes from, and its index. */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

	/** Where the build puts the repository's {@code corpus/} folder inside the jar. */
	static final String SHIPPED_CORPUS = "corpus/";

	@Bean
	ShardAssignment shardAssignment(SearchLeafProperties properties) {
		return ShardAssignment.of(properties.shardIndex(), properties.shardCount());
	}

	@Bean
	CorpusSource corpusSource(SearchLeafProperties properties) {
		return (properties.corpus() != null) ? new CorpusSource.Directory(properties.corpus())
				: new CorpusSource.Classpath(SHIPPED_CORPUS);
	}

	@Bean
	LeafIndex leafIndex() {
		return new LeafIndex();
	}

	@Bean
	IndexReloader indexReloader(CorpusSource corpusSource, ShardAssignment shardAssignment, LeafIndex leafIndex,
			Analyzer analyzer, Clock clock, SearchLeafProperties properties) {
		return new IndexReloader(corpusSource, shardAssignment, leafIndex, analyzer, clock,
				properties.reloadInterval());
	}

}
