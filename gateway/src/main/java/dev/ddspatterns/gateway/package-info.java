/**
 * gateway: the suite's front door, built on Spring Cloud Gateway (WebFlux).
 *
 * <p>
 * The serving patterns of <em>Designing Distributed Systems</em> that live at the edge,
 * one package each: the ambassador that finds backends by name (service brokering, the
 * routes in {@code application.yml} and Spring Cloud LoadBalancer), rate limiting,
 * request splitting, session-affine load balancing, the caching layer, the request
 * decorator (a FaaS-style function in front of a service), TLS termination and circuit
 * breaking. Start with {@code application.yml}, then the package of the pattern you want.
 */
package dev.ddspatterns.gateway;
