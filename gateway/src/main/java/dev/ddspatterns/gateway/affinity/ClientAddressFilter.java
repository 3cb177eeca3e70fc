package dev.ddspatterns.gateway.affinity;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Puts the client's address into the exchange's attributes just before the load balancer
 * runs. The gateway passes a balancer the request's headers, cookies and the exchange's
 * attributes, but not the peer address, which {@link AffinityKey} needs for clients
 * without a session cookie.
 */
@Component
class ClientAddressFilter implements GlobalFilter, Ordered {

	static final String CLIENT_ADDRESS_ATTRIBUTE = ClientAddressFilter.class.getName() + ".clientAddress";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote != null && remote.getAddress() != null) {
			exchange.getAttributes().put(CLIENT_ADDRESS_ATTRIBUTE, remote.getAddress().getHostAddress());
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;
	}

}
