package dev.ddspatterns.gateway.caching;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code gateway.cache.requests{route, result}}: how many {@code GET}s on a route were
 * answered from the cache ({@code hit}), sent on to the backend because nothing fresh was
 * stored or the client asked for a fresh answer ({@code miss}), or sent on without a
 * lookup because their answer must not be shared ({@code pass}). The hit ratio is
 * {@code hit / (hit + miss + pass)}. And {@code gateway.cache.stores{route}}: how many
 * answers were stored, each once the backend had sent all of it (so shortly after a miss
 * was answered, not before).
 */
record RequestCounters(Counter hit, Counter miss, Counter pass, Counter stored) {

	static final String NAME = "gateway.cache.requests";

	static final String STORES = "gateway.cache.stores";

	static RequestCounters register(MeterRegistry registry, String route) {
		return new RequestCounters(counter(registry, route, "hit"), counter(registry, route, "miss"),
				counter(registry, route, "pass"),
				Counter.builder(STORES)
					.description("Answers the response cache stored, once the backend had sent all of each")
					.tag("route", route)
					.register(registry));
	}

	private static Counter counter(MeterRegistry registry, String route, String result) {
		return Counter.builder(NAME)
			.description("GET requests on a cached route, by how the response cache answered them")
			.tag("route", route)
			.tag("result", result)
			.register(registry);
	}

}
