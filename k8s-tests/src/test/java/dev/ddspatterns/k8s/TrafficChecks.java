package dev.ddspatterns.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import dev.ddspatterns.k8s.Suite.AppContainer;
import dev.ddspatterns.k8s.Suite.Workload;

/**
 * The network policies allow exactly the connections the suite makes. The needed ones are
 * read from the manifests themselves: every address an app is configured with
 * ({@code redis://redis-shards-0.redis-shards:6379}, {@code kafka-0.kafka:9092}, a
 * {@code _HOST} with its {@code _PORT}) resolved through its Service to the pods and
 * container port behind it; Prometheus to every pod that asks to be scraped, on the port
 * it names; and the replication inside the Redis shards, which their start script sets
 * up. Then every pair of pods and every port they listen on is tried against the
 * policies: a needed connection that is refused, or an allowed one nothing needs, is a
 * finding.
 */
final class TrafficChecks {

	private static final Pattern ADDRESS = Pattern
		.compile("^(?:[a-z][a-z0-9+.-]*://)?([a-z0-9][a-z0-9.-]*):(\\d+)(?:/.*)?$");

	/**
	 * Connections no setting names: replicas follow their primary (redis-shards'
	 * start.sh).
	 */
	private static final List<String> INFRASTRUCTURE = List.of("redis-shards redis-shards 6379");

	private TrafficChecks() {
	}

	static List<String> check(Suite suite) {
		List<String> problems = new ArrayList<>();
		Map<String, String> needed = new LinkedHashMap<>();
		List<Workload> workloads = suite.workloads();
		for (Workload workload : workloads) {
			for (AppContainer app : workload.app().stream().toList()) {
				AppSettings.of(workload, app.container(), suite)
					.forEach((name, value) -> addresses(name, value, AppSettings.of(workload, app.container(), suite))
						.forEach((address) -> resolve(suite, address, workload, name, needed, problems)));
			}
			if ("true".equals(workload.podAnnotations().get("prometheus.io/scrape"))) {
				find(workloads, "prometheus").ifPresent((prometheus) -> needed.put(
						edge(prometheus, workload,
								Integer.parseInt(workload.podAnnotations().get("prometheus.io/port"))),
						"its prometheus.io annotations"));
			}
		}
		for (String edge : INFRASTRUCTURE) {
			String[] parts = edge.split(" ");
			find(workloads, parts[0]).ifPresent((from) -> find(workloads, parts[1])
				.ifPresent((to) -> needed.put(edge(from, to, Integer.parseInt(parts[2])), "replication")));
		}
		NetworkPolicies policies = new NetworkPolicies(suite.networkPolicies());
		needed.forEach((edge, why) -> {
			String[] parts = edge.split(" ");
			Workload from = find(workloads, parts[0]).orElseThrow();
			Workload to = find(workloads, parts[2]).orElseThrow();
			if (!policies.allows(from, to, Integer.parseInt(parts[3]))) {
				problems.add(edge + " is needed (" + why + ") but no NetworkPolicy allows it");
			}
		});
		for (Workload from : workloads) {
			for (Workload to : workloads) {
				for (ContainerPort port : to.containers()
					.stream()
					.flatMap((c) -> Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of()).stream())
					.toList()) {
					String edge = edge(from, to, port.getContainerPort());
					if (!needed.containsKey(edge) && policies.allows(from, to, port.getContainerPort())) {
						problems.add(edge + " is allowed, but nothing needs it");
					}
				}
			}
		}
		return problems;
	}

	private static String edge(Workload from, Workload to, int port) {
		return from.name() + " -> " + to.name() + " " + port;
	}

	private static Optional<Workload> find(List<Workload> workloads, String name) {
		return workloads.stream().filter((w) -> w.name().equals(name)).findFirst();
	}

	/** The host:port pairs a setting names. */
	private static List<String[]> addresses(String name, String value, Map<String, String> settings) {
		List<String[]> addresses = new ArrayList<>();
		if (name.endsWith("_HOST")) {
			String port = settings.get(name.substring(0, name.length() - "HOST".length()) + "PORT");
			if (port != null) {
				addresses.add(new String[] { value, port });
			}
			return addresses;
		}
		for (String part : value.split(",")) {
			Matcher matcher = ADDRESS.matcher(part.trim());
			if (matcher.matches()) {
				addresses.add(new String[] { matcher.group(1), matcher.group(2) });
			}
		}
		return addresses;
	}

	/**
	 * Host to Service (a pod name under a headless one, or the Service's own), port to
	 * container port.
	 */
	private static void resolve(Suite suite, String[] address, Workload from, String setting,
			Map<String, String> needed, List<String> problems) {
		String[] labels = address[0].split("\\.");
		Optional<Service> service = (labels.length > 1) ? suite.service(labels[1]) : Optional.empty();
		if (service.isPresent() && !isPodOf(suite, labels[0], labels[1])) {
			problems.add(from.describe() + ": " + setting + " names pod " + labels[0] + ", which no StatefulSet of "
					+ "Service " + labels[1] + " has");
			return;
		}
		service = service.or(() -> suite.service(labels[0]));
		if (service.isEmpty()) {
			problems.add(from.describe() + ": " + setting + " names " + address[0] + ", which is no Service here");
			return;
		}
		int number = Integer.parseInt(address[1]);
		Optional<ServicePort> port = service.get()
			.getSpec()
			.getPorts()
			.stream()
			.filter((p) -> p.getPort() == number)
			.findFirst();
		if (port.isEmpty()) {
			problems.add(from.describe() + ": " + setting + " names port " + number + " of Service "
					+ service.get().getMetadata().getName() + ", which has no such port");
			return;
		}
		String target = (port.get().getTargetPort() != null) ? port.get().getTargetPort().getValue().toString()
				: String.valueOf(number);
		Map<String, String> selector = service.get().getSpec().getSelector();
		for (Workload to : suite.workloads()) {
			if (selector != null && !selector.isEmpty()
					&& selector.entrySet()
						.stream()
						.allMatch((e) -> e.getValue().equals(to.podLabels().get(e.getKey())))) {
				to.containerPort(target).ifPresent((p) -> needed.put(edge(from, to, p), setting));
			}
		}
	}

	/**
	 * Whether a StatefulSet governed by the Service has a pod of that name
	 * (name-ordinal).
	 */
	private static boolean isPodOf(Suite suite, String pod, String service) {
		return suite.all(StatefulSet.class)
			.filter((set) -> service.equals(set.getSpec().getServiceName()))
			.anyMatch((set) -> IntStream.range(0, set.getSpec().getReplicas())
				.anyMatch((ordinal) -> pod.equals(set.getMetadata().getName() + "-" + ordinal)));
	}

}
