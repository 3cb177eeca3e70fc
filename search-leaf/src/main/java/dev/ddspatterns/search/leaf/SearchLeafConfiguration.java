package dev.ddspatterns.search.leaf;

import java.time.Clock;

import dev.ddspatterns.search.leaf.index.LeafAnalyzer;
import org.apache.lucene.analysis.Analyzer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock, and the one analyzer that both indexes documents and parses queries. */
@Configuration(proxyBeanMethods = false)
class SearchLeafConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Analyzer analyzer() {
		return LeafAnalyzer.create();
	}

}
