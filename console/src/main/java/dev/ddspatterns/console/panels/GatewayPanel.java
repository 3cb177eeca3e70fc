package dev.ddspatterns.console.panels;

import java.util.Map;
import java.util.TreeMap;

import dev.ddspatterns.console.ConsoleProperties;
import dev.ddspatterns.console.probe.Probe;
import dev.ddspatterns.console.probe.Reading;
import dev.ddspatterns.console.probe.Samples;
import org.jspecify.annotations.Nullable;

/**
 * The gateway (chapters 3 and 5: ambassadors, replicated load-balanced services):
 * requests per route and per second, what the rate limiter decided, what the response
 * cache answered, the experiment's split and each route's circuit breaker.
 *
 * @param problem why the gateway's metrics could not be read, if they could not
 * @param routes each route, by id
 * @param split requests of the experiment's split route, by variant
 */
public record GatewayPanel(@Nullable String problem, Map<String, Route> routes, Map<String, Double> split) {

	/**
	 * @param requests requests answered
	 * @param perSecond requests per second since the previous reading
	 * @param limiter the rate limiter's decisions, by outcome ({@code allowed},
	 * {@code limited}, ...)
	 * @param cache the response cache's answers, by result ({@code hit}, {@code miss},
	 * ...)
	 * @param breaker the route's circuit breaker state, if it has one
	 */
	public record Route(double requests, double perSecond, Map<String, Double> limiter, Map<String, Double> cache,
			@Nullable String breaker) {
	}

	static GatewayPanel read(Probe probe, ConsoleProperties properties, Rates rates) {
		Reading<Samples> reading = probe.metrics(properties.metrics(properties.gateway()));
		if (!reading.ok()) {
			return new GatewayPanel(reading.problem(), Map.of(), Map.of());
		}
		Samples metrics = reading.value();
		Map<String, Double> requests = metrics.sumBy("spring_cloud_gateway_requests_seconds_count", "routeId");
		Map<String, Double> perSecond = rates.perSecond("gateway-requests", requests);
		Map<String, Map<String, Double>> limiter = metrics.sumBy("gateway_ratelimit_requests_total", "route",
				"outcome");
		Map<String, Map<String, Double>> cache = metrics.sumBy("gateway_cache_requests_total", "route", "result");
		Map<String, String> breakers = new TreeMap<>();
		metrics.samples()
			.stream()
			.filter((s) -> s.name().equals("resilience4j_circuitbreaker_state") && s.value() == 1)
			.forEach((s) -> breakers.put(s.labels().get("name"), s.labels().get("state")));
		Map<String, Route> routes = new TreeMap<>();
		for (String route : requests.keySet()) {
			routes.put(route, new Route(requests.get(route), perSecond.getOrDefault(route, 0.0),
					limiter.getOrDefault(route, Map.of()), cache.getOrDefault(route, Map.of()), breakers.get(route)));
		}
		return new GatewayPanel(null, routes, metrics.sumBy("gateway_split_requests_total", "variant"));
	}

}
