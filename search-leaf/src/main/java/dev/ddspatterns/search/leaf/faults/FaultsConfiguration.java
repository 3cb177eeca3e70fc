package dev.ddspatterns.search.leaf.faults;

import java.util.Random;

import dev.ddspatterns.search.leaf.SearchLeafProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts fault injection in front of the search endpoints; it does nothing by default. */
@Configuration(proxyBeanMethods = false)
class FaultsConfiguration implements WebMvcConfigurer {

	/** After the metrics interceptor, so injected delays and failures are measured. */
	static final int FAULTS_ORDER = 10;

	private final SearchLeafProperties.Faults faults;

	FaultsConfiguration(SearchLeafProperties properties) {
		this.faults = properties.faults();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// java.util.Random, unlike most generators, is safe to share between threads.
		Random random = (this.faults.seed() != null) ? new Random(this.faults.seed()) : new Random();
		registry.addInterceptor(new FaultInjectionInterceptor(this.faults, random))
			.addPathPatterns("/v1/search", "/v1/stats")
			.order(FAULTS_ORDER);
	}

}
