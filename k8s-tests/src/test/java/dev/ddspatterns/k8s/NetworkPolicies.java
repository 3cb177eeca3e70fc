package dev.ddspatterns.k8s;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import dev.ddspatterns.k8s.Suite.Workload;

/**
 * Whether the network policies of one namespace let a connection through, as the API
 * defines it: a pod selected by no policy of a direction is open in that direction; a
 * selected pod takes only what some rule of some selecting policy allows, and a
 * connection needs both the sender's egress and the receiver's ingress. Peers in other
 * namespaces and IP blocks are outside: they allow nothing between the suite's pods.
 */
final class NetworkPolicies {

	private final List<NetworkPolicy> policies;

	NetworkPolicies(List<NetworkPolicy> policies) {
		this.policies = policies;
	}

	boolean allows(Workload from, Workload to, int port) {
		return egress(from, to, port) && ingress(to, from, port);
	}

	private boolean egress(Workload from, Workload to, int port) {
		List<NetworkPolicy> selecting = selecting(from, "Egress");
		return selecting.isEmpty() || selecting.stream()
			.flatMap((policy) -> Objects
				.requireNonNullElse(policy.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of())
				.stream())
			.anyMatch((rule) -> peers(rule.getTo(), to) && ports(rule.getPorts(), to, port));
	}

	private boolean ingress(Workload to, Workload from, int port) {
		List<NetworkPolicy> selecting = selecting(to, "Ingress");
		return selecting.isEmpty() || selecting.stream()
			.flatMap((policy) -> Objects
				.requireNonNullElse(policy.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())
				.stream())
			.anyMatch((rule) -> peers(rule.getFrom(), from) && ports(rule.getPorts(), to, port));
	}

	/** The policies that isolate a workload's pods in one direction. */
	List<NetworkPolicy> selecting(Workload workload, String direction) {
		return this.policies.stream()
			.filter((policy) -> Suite.selects(policy.getSpec().getPodSelector(), workload.podLabels()))
			.filter((policy) -> policyTypes(policy).contains(direction))
			.toList();
	}

	static List<String> policyTypes(NetworkPolicy policy) {
		List<String> types = policy.getSpec().getPolicyTypes();
		if (types != null && !types.isEmpty()) {
			return types;
		}
		return (policy.getSpec().getEgress() != null && !policy.getSpec().getEgress().isEmpty())
				? List.of("Ingress", "Egress") : List.of("Ingress");
	}

	private static boolean peers(List<NetworkPolicyPeer> peers, Workload other) {
		if (peers == null || peers.isEmpty()) {
			return true;
		}
		return peers.stream()
			.anyMatch((peer) -> peer.getNamespaceSelector() == null && peer.getIpBlock() == null
					&& Suite.selects(peer.getPodSelector(), other.podLabels()));
	}

	static boolean ports(List<NetworkPolicyPort> ports, Workload to, int port) {
		if (ports == null || ports.isEmpty()) {
			return true;
		}
		return ports.stream()
			.filter((p) -> p.getProtocol() == null || p.getProtocol().equals("TCP"))
			.anyMatch((p) -> p.getPort() == null || ((p.getPort().getIntVal() != null) ? p.getPort().getIntVal() == port
					: to.containerPort(p.getPort().getStrVal()).map((number) -> number == port).orElse(false)));
	}

}
