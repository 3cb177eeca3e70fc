/**
 * Request splitting for experiments: the ambassador of <em>Designing Distributed
 * Systems</em>, chapter "Ambassadors", section "Using an Ambassador to Do Experimentation
 * or Request Splitting" (the book's nginx sends 9 requests in 10 to production and 1 to
 * the experiment).
 *
 * <p>
 * A route carries the {@code RequestSplit} filter with its variants and their weights.
 * Each user (API key, else {@code suite-user} cookie, else client address) is hashed into
 * one variant, so a user sees one version on every request and from every gateway
 * replica, not a coin toss per request. Read
 * {@link dev.ddspatterns.gateway.splitting.TrafficSplit} first (the function that
 * decides), then
 * {@link dev.ddspatterns.gateway.splitting.RequestSplitGatewayFilterFactory} (where the
 * decision sends the request). {@code TrafficSplitTests} proves the 90/10 share and the
 * stickiness, {@code RequestSplitIntegrationTests} proves it through real HTTP.
 */
package dev.ddspatterns.gateway.splitting;
