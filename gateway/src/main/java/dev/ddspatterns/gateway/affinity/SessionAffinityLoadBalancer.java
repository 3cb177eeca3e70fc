package dev.ddspatterns.gateway.affinity;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.SelectedInstanceCallback;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * A load balancer that sends each client to the same replica for as long as that replica
 * is healthy: the client's {@link AffinityKey} is looked up on a {@link ReplicaRing} of
 * the instances the supplier offers, which in this gateway are the ones whose
 * {@code /readyz} answered 200.
 *
 * <p>
 * Why a consistent-hash ring rather than {@code hash % N}: when a replica joins, only the
 * clients whose arc it takes over move (about 1/(N+1) of them), and when one leaves only
 * its own clients move. With {@code hash % N}, going from 3 to 4 replicas would send
 * three clients in four to a replica that does not hold their session.
 *
 * <p>
 * Failure modes: when a replica fails its health check, its clients move to the next
 * replica on the ring and lose whatever session state lived only in memory; when it comes
 * back they move back. Affinity is an optimisation for caches and in-memory sessions, not
 * a place to keep state that must survive a replica. A request that names no client at
 * all gets a random replica.
 */
final class SessionAffinityLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	private static final Log logger = LogFactory.getLog(SessionAffinityLoadBalancer.class);

	private final String serviceId;

	private final ObjectProvider<ServiceInstanceListSupplier> instances;

	private final List<String> sessionCookies;

	// Rebuilt only when the set of healthy replicas changes; a racing rebuild is harmless
	// because any two rings over the same replicas give the same answers.
	private volatile ReplicaRing ring = ReplicaRing.EMPTY;

	SessionAffinityLoadBalancer(String serviceId, ObjectProvider<ServiceInstanceListSupplier> instances,
			List<String> sessionCookies) {
		this.serviceId = serviceId;
		this.instances = instances;
		this.sessionCookies = List.copyOf(sessionCookies);
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier supplier = this.instances.getIfAvailable(NoopServiceInstanceListSupplier::new);
		String client = AffinityKey.of(request, this.sessionCookies).orElse(null);
		return supplier.get(request).next().map((healthy) -> {
			Response<ServiceInstance> response = choose(healthy, client);
			if (supplier instanceof SelectedInstanceCallback callback && response.hasServer()) {
				callback.selectedServiceInstance(response.getServer());
			}
			return response;
		});
	}

	/**
	 * The selection function itself, without the reactive plumbing.
	 * @param healthy the instances to choose from
	 * @param client the client's affinity key, or {@code null} if the request named none
	 * @return the chosen instance, or an empty response if there is none
	 */
	Response<ServiceInstance> choose(List<ServiceInstance> healthy, @Nullable String client) {
		if (healthy.isEmpty()) {
			logger.warn("No servers available for service: " + this.serviceId);
			return new EmptyResponse();
		}
		if (client == null) {
			return new DefaultResponse(healthy.get(ThreadLocalRandom.current().nextInt(healthy.size())));
		}
		return new DefaultResponse(ringOf(healthy).replicaFor(client));
	}

	private ReplicaRing ringOf(List<ServiceInstance> healthy) {
		ReplicaRing current = this.ring;
		if (!current.holdsExactly(healthy)) {
			current = ReplicaRing.of(healthy);
			this.ring = current;
		}
		return current;
	}

}
