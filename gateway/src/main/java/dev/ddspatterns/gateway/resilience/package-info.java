/**
 * Circuit breakers in front of backends (<em>Designing Distributed Systems</em>, the
 * ambassador and "Serving Patterns": a proxy that stops sending work to a replica that is
 * failing, so a sick backend costs its callers a fast error rather than a slow one and
 * gets room to recover).
 *
 * <p>
 * Every route in {@code application.yml} has a {@code CircuitBreaker} filter, named after
 * the route, and a {@code Retry} filter inside it for idempotent methods only. The
 * breaker and its time limit are configured per backend under
 * {@code resilience4j.circuitbreaker.instances.<route>} and
 * {@code resilience4j.timelimiter.instances.<route>}. Read
 * {@link dev.ddspatterns.gateway.resilience.CircuitBreakerProblems} first: it is what a
 * caller sees when a breaker steps in.
 */
package dev.ddspatterns.gateway.resilience;
