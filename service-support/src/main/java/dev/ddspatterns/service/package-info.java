/**
 * Shared service conventions for every app of the suite, as a Spring Boot
 * auto-configuration library: an app adds this one dependency and configures nothing.
 *
 * <p>
 * What an app gets: only {@code health}, {@code info} and {@code prometheus} exposed over
 * HTTP, liveness and readiness also at {@code /livez} and {@code /readyz}; Prometheus
 * metrics tagged with {@code application} and {@code instance}; Micrometer Tracing over
 * OpenTelemetry with trace and span ids in every log line, exported over OTLP only when
 * an endpoint is configured, or to Zipkin when
 * {@code management.tracing.export.zipkin.enabled=true}; JSON console logs on request
 * ({@code suite.logging.json=true} or the {@code json-logs} profile); RFC 9457 problem
 * details with a stable {@code type} for every error, on Servlet and WebFlux alike; and
 * virtual threads for Servlet apps.
 *
 * <p>
 * Start with {@link dev.ddspatterns.service.ServiceDefaults}, which holds every default
 * property in one place, then {@link dev.ddspatterns.service.problem.ProblemType}, the
 * error kinds an app can report. All defaults sit at the lowest precedence, so an app's
 * own {@code application.yml}, environment variables or command line still win.
 */
package dev.ddspatterns.service;
