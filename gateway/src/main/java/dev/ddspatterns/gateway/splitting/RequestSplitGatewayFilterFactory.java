package dev.ddspatterns.gateway.splitting;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * The {@code RequestSplit} route filter: sends each user to one variant of a backend, in
 * proportion to the variants' weights, as decided by {@link TrafficSplit}.
 *
 * <pre>
 * filters:
 *   - name: RequestSplit
 *     args:
 *       experiment: search-v2          # salts the hash: each experiment picks its own users
 *       variants:
 *         v1: { weight: 90 }           # no uri: the route's own
 *         v2: { weight: 10, uri: lb://search-root-v2 }
 * </pre>
 *
 * <p>
 * An {@code X-Variant} header or {@code suite-variant} cookie naming a variant forces it,
 * so a tester can see the experiment on demand. The variant is sent to the backend and
 * back to the client in {@code X-Variant}, and counted in
 * {@code gateway.split.requests{route,variant}}.
 *
 * <p>
 * The decision is made early, before any filter that may answer for the backend: a
 * response cache on the same route then sees the request's {@code X-Variant} and, keyed
 * on it, never serves one variant's answer to the other's users. The answer says
 * {@code Vary: X-Variant}, so a cache that is not keyed on it stores nothing rather than
 * the wrong thing. The switch of backend happens later, in {@link VariantUriFilter}, once
 * the gateway has built the request URL and before the load balancer resolves
 * {@code lb://} names, so a variant's service gets the same health-checked balancing as
 * any route. If a variant has no healthy instance its users get 503: a broken experiment
 * should be visible, not silently served by the other version.
 */
@Component
class RequestSplitGatewayFilterFactory extends AbstractGatewayFilterFactory<RequestSplitGatewayFilterFactory.Config> {

	static final String VARIANT_HEADER = "X-Variant";

	static final String VARIANT_COOKIE = "suite-variant";

	static final String METRIC = "gateway.split.requests";

	// Before the response cache (WRITE_RESPONSE_FILTER_ORDER - 3) and every route filter.
	static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 10;

	private final MeterRegistry meters;

	RequestSplitGatewayFilterFactory(MeterRegistry meters) {
		super(Config.class);
		this.meters = meters;
	}

	@Override
	public GatewayFilter apply(Config config) {
		TrafficSplit split = new TrafficSplit(config.experiment(), config.weights());
		return new OrderedGatewayFilter((exchange, chain) -> {
			ServerHttpRequest request = exchange.getRequest();
			String variant = forced(request, config).orElseGet(() -> split.variantFor(UserKey.of(request)));
			URI target = config.variants().get(variant).uri();
			if (target != null) {
				exchange.getAttributes().put(VariantUriFilter.VARIANT_URI_ATTRIBUTE, target);
			}
			this.meters.counter(METRIC, "route", routeId(exchange), "variant", variant).increment();
			exchange.getResponse().getHeaders().set(VARIANT_HEADER, variant);
			exchange.getResponse().getHeaders().add(HttpHeaders.VARY, VARIANT_HEADER);
			ServerHttpRequest tagged = request.mutate()
				.headers((headers) -> headers.set(VARIANT_HEADER, variant))
				.build();
			return chain.filter(exchange.mutate().request(tagged).build());
		}, ORDER);
	}

	private static Optional<String> forced(ServerHttpRequest request, Config config) {
		String wanted = request.getHeaders().getFirst(VARIANT_HEADER);
		if (wanted == null) {
			HttpCookie cookie = request.getCookies().getFirst(VARIANT_COOKIE);
			wanted = (cookie != null) ? cookie.getValue() : null;
		}
		// An unknown name is ignored rather than refused, so that a stale cookie from a
		// finished experiment cannot break the route.
		return Optional.ofNullable(wanted).filter(config.variants()::containsKey);
	}

	private static String routeId(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : "unknown";
	}

	/**
	 * The experiment of one route, bound from the filter's {@code args}.
	 *
	 * @param experiment the experiment's name; part of every hashed key, so renaming it
	 * reshuffles the users
	 * @param variants the variants by name, in any order
	 */
	record Config(String experiment, Map<String, Variant> variants) {

		Config {
			if (experiment == null || experiment.isBlank()) {
				throw new IllegalArgumentException("A RequestSplit needs an experiment name");
			}
			if (variants == null || variants.size() < 2) {
				throw new IllegalArgumentException("Experiment '" + experiment + "' needs at least two variants");
			}
			variants.forEach((name, variant) -> {
				if (variant.weight() < 1) {
					throw new IllegalArgumentException("Variant '" + name + "' of experiment '" + experiment
							+ "' needs a weight of at least 1, not " + variant.weight());
				}
			});
			variants = Map.copyOf(variants);
		}

		Map<String, Integer> weights() {
			Map<String, Integer> weights = new LinkedHashMap<>();
			this.variants.forEach((name, variant) -> weights.put(name, variant.weight()));
			return weights;
		}

	}

	/**
	 * One version of the backend.
	 *
	 * @param uri where its requests go, such as {@code lb://search-root-v2}; none for the
	 * route's own URI
	 * @param weight its relative share of users, at least 1
	 */
	record Variant(URI uri, int weight) {

	}

}
