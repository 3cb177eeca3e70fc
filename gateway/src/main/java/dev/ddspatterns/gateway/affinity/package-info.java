/**
 * Session affinity: the session-tracked services of <em>Designing Distributed
 * Systems</em>, chapter "Replicated Load-Balanced Services", section "Session Tracked
 * Services": a client keeps reaching the replica that holds its session state, because
 * the balancer hashes the client, not because it remembers it.
 *
 * <p>
 * Read {@link dev.ddspatterns.gateway.affinity.SessionAffinityLoadBalancer} first: a
 * Spring Cloud LoadBalancer that maps the client's session cookie (else its address) onto
 * a {@link dev.ddspatterns.sharding.ConsistentHashRing} of the healthy replicas, so a
 * replica joining or leaving moves only about 1/N of the clients.
 * {@link dev.ddspatterns.gateway.affinity.SessionAffinityConfiguration} names the
 * services that use it. {@code SessionAffinityLoadBalancerTests} measures the movement
 * over 10,000 clients, {@code SessionAffinityIntegrationTests} proves it through real
 * replicas.
 */
package dev.ddspatterns.gateway.affinity;
