package dev.ddspatterns.gateway.affinity;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * The services whose replicas keep per-client state and so get a
 * {@link SessionAffinityLoadBalancer}: the election demo (a client's view of the leader
 * and its lease) and the cache service (each replica's near cache warms up for the
 * clients it sees). Every other service keeps the round robin.
 *
 * <p>
 * Only the balancer is replaced: the instance list still comes from the health-checked
 * supplier of {@code spring.cloud.loadbalancer.configurations: health-check}, so an
 * unready replica drops off the ring. These services set
 * {@code spring.cloud.loadbalancer.clients.<service>.health-check.update-results-list:
 * false} so that a round of health checks publishes its result once, complete; by default
 * it publishes a growing list as each replica answers, and for the moment the list is
 * partial a ring would send clients of the replicas not yet re-checked elsewhere.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients({ @LoadBalancerClient(name = "election-demo", configuration = SessionAffinityLoadBalancing.class),
		@LoadBalancerClient(name = "cache-service", configuration = SessionAffinityLoadBalancing.class) })
class SessionAffinityConfiguration {

}
