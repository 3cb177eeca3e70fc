/**
 * What the front door tells its operators: one access-log line per proxied request, a
 * latency timer per route, and the trace context handed on to every backend.
 *
 * <p>
 * Most of it is configuration rather than code. Spring Cloud Gateway's metrics filter
 * ({@code spring.cloud.gateway.server.webflux.metrics.enabled}) records the timer
 * {@code spring.cloud.gateway.requests}, tagged with the route; its observability support
 * opens a client span for each backend call and sends the W3C {@code traceparent} header
 * with it. The one class here is {@link dev.ddspatterns.gateway.observability.AccessLog},
 * which writes the access log through the suite's logging, so it is JSON with the trace
 * id when {@code suite.logging.json=true}.
 */
package dev.ddspatterns.gateway.observability;
