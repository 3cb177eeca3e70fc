package dev.ddspatterns.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import dev.ddspatterns.k8s.Suite.AppContainer;
import dev.ddspatterns.k8s.Suite.Workload;

/**
 * Actuator is off the app's own port: every app container is given a management port
 * ({@code MANAGEMENT_SERVER_PORT}) that it names as container port {@code management},
 * Prometheus is pointed at it by the {@code prometheus.io} annotations, and the app's
 * network policies admit it from Prometheus' pods and from nothing else (nor Prometheus
 * to the app port). The probes stay on the app port ({@code /livez} and {@code /readyz},
 * Spring Boot's additional paths, see {@link WiringChecks}); the kubelet's probes need no
 * rule, network policies do not apply to them.
 */
final class ManagementChecks {

	static final String PORT_NAME = "management";

	static final String SCRAPE_PATH = "/actuator/prometheus";

	private static final Map.Entry<String, String> PROMETHEUS = Map.entry("app.kubernetes.io/name", "prometheus");

	private ManagementChecks() {
	}

	static List<String> check(Suite suite, AppFacts facts) {
		List<String> problems = new ArrayList<>();
		for (Workload workload : suite.workloads()) {
			for (AppContainer app : workload.app().stream().toList()) {
				String where = workload.describe() + " container " + app.container().getName();
				int appPort = facts.port(app.module());
				Optional<Integer> named = Objects
					.requireNonNullElse(app.container().getPorts(), List.<ContainerPort>of())
					.stream()
					.filter((port) -> PORT_NAME.equals(port.getName()))
					.map(ContainerPort::getContainerPort)
					.findFirst();
				String configured = AppSettings.of(workload, app.container(), suite).get("MANAGEMENT_SERVER_PORT");
				if (configured == null) {
					problems.add(where + ": no MANAGEMENT_SERVER_PORT, so actuator answers on the app port " + appPort);
				}
				if (named.isEmpty()) {
					problems.add(where + ": no container port named " + PORT_NAME);
					continue;
				}
				int management = named.get();
				if (configured != null && !configured.equals(String.valueOf(management))) {
					problems.add(where + ": MANAGEMENT_SERVER_PORT is " + configured + ", container port " + PORT_NAME
							+ " is " + management);
				}
				if (management == appPort) {
					problems.add(where + ": the management port is the app port " + appPort);
				}
				checkScrape(workload, management, problems);
				checkPolicies(suite, workload, management, appPort, problems);
			}
		}
		return problems;
	}

	private static void checkScrape(Workload workload, int management, List<String> problems) {
		Map<String, String> annotations = workload.podAnnotations();
		String where = workload.describe();
		if (!"true".equals(annotations.get("prometheus.io/scrape"))) {
			problems.add(where + ": not scraped (prometheus.io/scrape is not \"true\")");
		}
		if (!String.valueOf(management).equals(annotations.get("prometheus.io/port"))) {
			problems.add(where + ": prometheus.io/port is " + annotations.get("prometheus.io/port")
					+ ", its management port is " + management);
		}
		if (!SCRAPE_PATH.equals(annotations.get("prometheus.io/path"))) {
			problems.add(where + ": prometheus.io/path is " + annotations.get("prometheus.io/path") + ", not "
					+ SCRAPE_PATH);
		}
	}

	private static void checkPolicies(Suite suite, Workload workload, int management, int appPort,
			List<String> problems) {
		boolean admitsPrometheus = false;
		for (NetworkPolicy policy : new NetworkPolicies(suite.networkPolicies()).selecting(workload, "Ingress")) {
			String where = "NetworkPolicy " + policy.getMetadata().getName();
			for (NetworkPolicyIngressRule rule : Objects.requireNonNullElse(policy.getSpec().getIngress(),
					List.<NetworkPolicyIngressRule>of())) {
				List<NetworkPolicyPeer> peers = Objects.requireNonNullElse(rule.getFrom(), List.of());
				boolean onlyPrometheus = !peers.isEmpty() && peers.stream().allMatch(ManagementChecks::isPrometheus);
				if (NetworkPolicies.ports(rule.getPorts(), workload, management)) {
					if (onlyPrometheus) {
						admitsPrometheus = true;
					}
					else {
						problems.add(where + ": admits " + describe(peers) + " to the management port " + management
								+ " of " + workload.describe() + ", not only Prometheus");
					}
				}
				if (peers.stream().anyMatch(ManagementChecks::isPrometheus)
						&& NetworkPolicies.ports(rule.getPorts(), workload, appPort)) {
					problems.add(where + ": admits Prometheus to the app port " + appPort + " of " + workload.describe()
							+ ", which serves no metrics");
				}
			}
		}
		if (!admitsPrometheus) {
			problems
				.add(workload.describe() + ": no NetworkPolicy admits Prometheus to the management port " + management);
		}
	}

	/** A peer that is Prometheus' pods of this namespace and nothing else. */
	private static boolean isPrometheus(NetworkPolicyPeer peer) {
		return peer.getIpBlock() == null && peer.getNamespaceSelector() == null && peer.getPodSelector() != null
				&& Objects.requireNonNullElse(peer.getPodSelector().getMatchLabels(), Map.of())
					.entrySet()
					.contains(PROMETHEUS);
	}

	private static String describe(List<NetworkPolicyPeer> peers) {
		if (peers.isEmpty()) {
			return "every source";
		}
		return peers.stream().map((peer) -> {
			if (peer.getIpBlock() != null) {
				return "ipBlock " + peer.getIpBlock().getCidr();
			}
			if (peer.getNamespaceSelector() != null) {
				return "other namespaces";
			}
			return "pods " + Objects.requireNonNullElse(peer.getPodSelector().getMatchLabels(), Map.of());
		}).toList().toString();
	}

}
