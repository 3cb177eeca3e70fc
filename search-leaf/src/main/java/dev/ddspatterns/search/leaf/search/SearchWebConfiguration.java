package dev.ddspatterns.search.leaf.search;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Times the search endpoints, ahead of any other interceptor. */
@Configuration(proxyBeanMethods = false)
class SearchWebConfiguration implements WebMvcConfigurer {

	/** Interceptors ordered after this one, such as fault injection, are timed too. */
	static final int METRICS_ORDER = 0;

	private final MeterRegistry registry;

	SearchWebConfiguration(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new SearchMetricsInterceptor(this.registry, "search"))
			.addPathPatterns("/v1/search")
			.order(METRICS_ORDER);
		registry.addInterceptor(new SearchMetricsInterceptor(this.registry, "stats"))
			.addPathPatterns("/v1/stats")
			.order(METRICS_ORDER);
	}

}
