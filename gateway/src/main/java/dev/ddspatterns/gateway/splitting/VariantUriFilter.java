package dev.ddspatterns.gateway.splitting;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.containsEncodedParts;

/**
 * Sends a request whose variant lives elsewhere to that variant's URI: the scheme, host
 * and port of the request URL are replaced, the path and query kept. It runs right after
 * {@link RouteToRequestUrlFilter}, which would otherwise overwrite the URL with the
 * route's own, and before the load balancer turns {@code lb://search-root-v2} into an
 * instance.
 */
@Component
class VariantUriFilter implements GlobalFilter, Ordered {

	static final String VARIANT_URI_ATTRIBUTE = VariantUriFilter.class.getName() + ".variantUri";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		URI target = exchange.getAttribute(VARIANT_URI_ATTRIBUTE);
		URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
		if (target != null && url != null) {
			exchange.getAttributes()
				.put(GATEWAY_REQUEST_URL_ATTR,
						UriComponentsBuilder.fromUri(url)
							.scheme(target.getScheme())
							.host(target.getHost())
							.port(target.getPort())
							.build(containsEncodedParts(url))
							.toUri());
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
	}

}
