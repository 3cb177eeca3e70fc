package dev.ddspatterns.gateway.tls;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells backends which scheme the caller used, {@code X-Forwarded-Proto: https} or
 * {@code http}, since after TLS termination every backend call is plain HTTP. The value
 * comes from the connection the gateway accepted and replaces anything the caller sent:
 * the gateway is the edge, so a caller's own {@code X-Forwarded-Proto} is not to be
 * trusted. (Gateway's {@code XForwardedHeadersFilter} stays off for the same reason: it
 * runs only for callers listed in
 * {@code spring.cloud.gateway.server.webflux.trusted-proxies}.)
 */
@Component
class ForwardedProto implements HttpHeadersFilter, Ordered {

	static final String HEADER = "X-Forwarded-Proto";

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = HttpHeaders.copyOf(input);
		headers.set(HEADER, (exchange.getRequest().getSslInfo() != null) ? "https" : "http");
		return headers;
	}

	/** Last, so that no other header filter changes the answer. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
