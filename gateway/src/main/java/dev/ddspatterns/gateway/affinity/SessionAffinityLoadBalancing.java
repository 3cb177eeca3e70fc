package dev.ddspatterns.gateway.affinity;

import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The beans of one affine service's load-balancer context. Spring Cloud LoadBalancer
 * creates a child context per service and applies this class there; it is deliberately
 * not a {@code @Configuration}, so that component scanning does not also apply it to the
 * application context and every service.
 */
class SessionAffinityLoadBalancing {

	@Bean
	ReactorServiceInstanceLoadBalancer sessionAffinityLoadBalancer(Environment environment,
			LoadBalancerClientFactory clients, AffinityProperties properties) {
		String serviceId = LoadBalancerClientFactory.getName(environment);
		return new SessionAffinityLoadBalancer(serviceId,
				clients.getLazyProvider(serviceId, ServiceInstanceListSupplier.class), properties.sessionCookies());
	}

}
