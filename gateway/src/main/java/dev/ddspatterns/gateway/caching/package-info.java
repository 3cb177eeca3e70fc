/**
 * The caching layer of <em>Designing Distributed Systems</em> ("Serving Patterns",
 * "Caching layer"): what Varnish does in front of a stateless web service, as a gateway
 * filter on chosen routes. Identical {@code GET}s are answered from a bounded in-memory
 * cache for as long as the backend's {@code Cache-Control} allows, and the backend sees
 * only the misses.
 *
 * <p>
 * Read {@link dev.ddspatterns.gateway.caching.ResponseCacheFilter} first, then
 * {@link dev.ddspatterns.gateway.caching.CachePolicy}, the one place that decides what
 * may be stored and for how long.
 */
package dev.ddspatterns.gateway.caching;
