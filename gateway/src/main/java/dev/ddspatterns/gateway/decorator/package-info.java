/**
 * The decorator of <em>Designing Distributed Systems</em> ("Functions and Event-Driven
 * Processing", "The Decorator Pattern: Request or Response Transformation"): a small,
 * stateless function in front of a service that fills in defaults the service would
 * otherwise have to know about, so the service stays simple and the defaults can change
 * without redeploying it.
 *
 * <p>
 * Read {@link dev.ddspatterns.gateway.decorator.JsonDefaults} first (the function), then
 * {@link dev.ddspatterns.gateway.decorator.RequestDefaultsFilter} (how the gateway reads
 * a bounded body, applies it and forwards the result).
 */
package dev.ddspatterns.gateway.decorator;
