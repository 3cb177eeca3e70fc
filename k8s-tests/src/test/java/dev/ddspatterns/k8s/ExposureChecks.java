package dev.ddspatterns.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import dev.ddspatterns.k8s.Suite.Workload;

/**
 * What the suite opens beyond its own pods, and what it writes in the clear. Only the
 * gateway takes connections from anywhere; only the content-sync sidecar (to the Git
 * host) and Prometheus (to the API server) reach out of the cluster; every pod may ask
 * the cluster DNS, on port 53 and nothing else. No ConfigMap holds anything that looks
 * like a credential: those belong in Secrets.
 */
final class ExposureChecks {

	/** Workload and port open to every source. */
	static final Set<String> PUBLIC = Set.of("gateway 8080", "gateway 8443");

	/** Workload and port allowed out to an IP block. */
	static final Set<String> OUTSIDE = Set.of("search-leaf 443", "prometheus 443", "prometheus 6443");

	private static final Pattern CREDENTIAL = Pattern
		.compile("(?i).*(password|passwd|secret|token|credential|private.?key|BEGIN [A-Z ]*PRIVATE KEY).*");

	private ExposureChecks() {
	}

	static List<String> check(Suite suite) {
		List<String> problems = new ArrayList<>();
		Set<String> open = new TreeSet<>();
		Set<String> outside = new TreeSet<>();
		for (Workload workload : suite.workloads()) {
			for (NetworkPolicy policy : suite.networkPolicies()) {
				if (!Suite.selects(policy.getSpec().getPodSelector(), workload.podLabels())) {
					continue;
				}
				if (NetworkPolicies.policyTypes(policy).contains("Ingress")) {
					Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())
						.stream()
						.filter((rule) -> rule.getFrom() == null || rule.getFrom().isEmpty())
						.forEach((rule) -> open.addAll(ports(workload, rule.getPorts())));
				}
				for (NetworkPolicyEgressRule rule : Objects.requireNonNullElse(policy.getSpec().getEgress(),
						List.<NetworkPolicyEgressRule>of())) {
					List<NetworkPolicyPeer> peers = Objects.requireNonNullElse(rule.getTo(), List.of());
					if (peers.isEmpty() || peers.stream().anyMatch((peer) -> peer.getIpBlock() != null)) {
						outside.addAll(ports(workload, rule.getPorts()));
					}
					if (peers.stream().anyMatch((peer) -> peer.getNamespaceSelector() != null)
							&& !ports(workload, rule.getPorts()).equals(Set.of(workload.name() + " 53"))) {
						problems.add(workload.describe() + ": reaches another namespace on "
								+ ports(workload, rule.getPorts()) + ", not only DNS on 53");
					}
				}
			}
		}
		difference(open, PUBLIC, "is open to every source", problems);
		difference(outside, OUTSIDE, "may connect out of the cluster", problems);
		for (ConfigMap configMap : suite.all(ConfigMap.class).toList()) {
			Objects.requireNonNullElse(configMap.getData(), Map.<String, String>of())
				.entrySet()
				.stream()
				.filter((entry) -> CREDENTIAL.matcher(entry.getKey()).matches()
						|| CREDENTIAL.matcher(entry.getValue()).matches())
				.forEach((entry) -> problems.add("ConfigMap " + configMap.getMetadata().getName() + ": "
						+ entry.getKey() + " looks like a credential; it belongs in a Secret"));
		}
		return problems;
	}

	private static void difference(Set<String> actual, Set<String> expected, String what, List<String> problems) {
		actual.stream()
			.filter((opening) -> !expected.contains(opening))
			.forEach((opening) -> problems.add(opening.replace(" ", " on port ") + " " + what));
	}

	/** "workload port" for each port a rule names; "workload any" when it names none. */
	private static Set<String> ports(Workload workload, List<NetworkPolicyPort> ports) {
		Set<String> result = new TreeSet<>();
		if (ports == null || ports.isEmpty()) {
			result.add(workload.name() + " any");
		}
		else {
			ports.forEach((port) -> result.add(workload.name() + " " + port.getPort().getValue()));
		}
		return result;
	}

}
