package dev.ddspatterns.gateway.observability;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The gateway's access log: one line per request with its method, path, status, duration
 * and the route that served it ({@code -} when none matched), logged by
 * {@code dev.ddspatterns.gateway.observability.AccessLog}. The fields also go in as
 * key-value pairs named after the Elastic Common Schema, so a JSON log line carries them
 * as fields, next to the trace id the suite's logging adds.
 *
 * <p>
 * It is the first web filter, so the duration covers everything the gateway does, writing
 * the body included. When a request fails, the status is not known until an error handler
 * has chosen it; the line is then written as that response is committed.
 */
@Component
class AccessLog implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		return chain.filter(exchange).doFinally((signal) -> {
			ServerHttpResponse response = exchange.getResponse();
			if (response.isCommitted() || signal == SignalType.CANCEL) {
				write(exchange, start);
			}
			else {
				response.beforeCommit(() -> Mono.fromRunnable(() -> write(exchange, start)));
			}
		});
	}

	private void write(ServerWebExchange exchange, long start) {
		long nanos = System.nanoTime() - start;
		String method = exchange.getRequest().getMethod().name();
		String path = exchange.getRequest().getPath().value();
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		String routeId = (route != null) ? route.getId() : "-";
		log.atInfo()
			.addKeyValue("http.request.method", method)
			.addKeyValue("url.path", path)
			.addKeyValue("http.response.status_code", (status != null) ? status.value() : null)
			.addKeyValue("event.duration", nanos)
			.addKeyValue("gateway.route", routeId)
			.log("{} {} {} {} ms route={}", method, path, (status != null) ? status.value() : "-",
					TimeUnit.NANOSECONDS.toMillis(nanos), routeId);
	}

	/** First of all web filters. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
