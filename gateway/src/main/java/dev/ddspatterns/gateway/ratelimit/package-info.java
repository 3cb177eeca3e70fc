/**
 * Rate limiting and denial-of-service defence at the front door.
 *
 * <p>
 * <em>Designing Distributed Systems</em>, "Replicated Load-Balanced Services", section
 * "Expanding the Caching Layer": "Rate Limiting and Denial-of-Service Defense" (the
 * Varnish throttle). Every caller gets a token bucket per route, held in Redis so that
 * all gateway replicas share one limit. A caller over its limit gets a 429 problem with
 * {@code Retry-After}; if Redis does not answer, each route fails open or closed as
 * configured. The pattern's page is {@code docs/patterns/rate-limiting.md}.
 *
 * <p>
 * Read {@link dev.ddspatterns.gateway.ratelimit.RateLimitGatewayFilterFactory} first,
 * then {@code token-bucket.lua} beside
 * {@link dev.ddspatterns.gateway.ratelimit.TokenBucket}, then
 * {@link dev.ddspatterns.gateway.ratelimit.CallerKeys} for who counts as one caller, and
 * {@link dev.ddspatterns.gateway.ratelimit.ApiKeys} for why an API key must be a
 * registered one.
 */
package dev.ddspatterns.gateway.ratelimit;
