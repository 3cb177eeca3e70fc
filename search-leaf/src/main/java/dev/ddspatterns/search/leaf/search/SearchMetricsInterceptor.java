package dev.ddspatterns.search.leaf.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Times the leaf's requests as the root sees them, injected faults included:
 * {@code search.leaf.requests}, tagged {@code phase} ({@code search} or {@code stats})
 * and {@code outcome} ({@code success}, {@code client-error}, {@code server-error}).
 */
final class SearchMetricsInterceptor implements HandlerInterceptor {

	static final String TIMER = "search.leaf.requests";

	private static final String SAMPLE = SearchMetricsInterceptor.class.getName() + ".sample";

	private final MeterRegistry registry;

	private final String phase;

	SearchMetricsInterceptor(MeterRegistry registry, String phase) {
		this.registry = registry;
		this.phase = phase;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		request.setAttribute(SAMPLE, Timer.start(this.registry));
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		if (request.getAttribute(SAMPLE) instanceof Timer.Sample sample) {
			sample.stop(Timer.builder(TIMER)
				.description("Search and statistics requests served by this leaf")
				.tag("phase", this.phase)
				.tag("outcome", outcome(response.getStatus(), ex))
				.register(this.registry));
		}
	}

	private static String outcome(int status, @Nullable Exception ex) {
		if (ex != null || status >= 500) {
			return "server-error";
		}
		return (status >= 400) ? "client-error" : "success";
	}

}
