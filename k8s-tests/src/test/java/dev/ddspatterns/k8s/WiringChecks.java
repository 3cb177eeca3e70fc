package dev.ddspatterns.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

import dev.ddspatterns.k8s.Suite.AppContainer;
import dev.ddspatterns.k8s.Suite.Workload;

/**
 * The pieces fit together: a workload's selector selects its own pods, a Service selects
 * pods that have its target ports, an autoscaler scales a workload that exists, every
 * workload has a disruption budget and a network policy, and an app's probes ask its real
 * health groups on its real port.
 */
final class WiringChecks {

	private WiringChecks() {
	}

	static List<String> check(Suite suite, AppFacts facts) {
		List<String> problems = new ArrayList<>();
		List<Workload> workloads = suite.workloads();
		for (Workload workload : workloads) {
			String where = workload.describe();
			if (!Suite.selects(workload.selector(), workload.podLabels())) {
				problems.add(where + ": its selector does not select its pod template's labels");
			}
			if (suite.disruptionBudgets()
				.stream()
				.noneMatch((pdb) -> Suite.selects(pdb.getSpec().getSelector(), workload.podLabels()))) {
				problems.add(where + ": no PodDisruptionBudget covers it");
			}
			if (suite.networkPolicies()
				.stream()
				.noneMatch((policy) -> Suite.selects(policy.getSpec().getPodSelector(), workload.podLabels()))) {
				problems.add(where + ": no NetworkPolicy selects its pods");
			}
			workload.app().ifPresent((app) -> checkProbes(workload, app, facts.port(app.module()), problems));
		}
		suite.all(Service.class).forEach((service) -> checkService(service, workloads, problems));
		suite.all(HorizontalPodAutoscaler.class)
			.filter((hpa) -> workloads.stream()
				.noneMatch((w) -> w.kind().equals(hpa.getSpec().getScaleTargetRef().getKind())
						&& w.name().equals(hpa.getSpec().getScaleTargetRef().getName())))
			.forEach((hpa) -> problems.add("HorizontalPodAutoscaler " + hpa.getMetadata().getName() + ": scales "
					+ hpa.getSpec().getScaleTargetRef().getName() + ", which is not here"));
		return problems;
	}

	private static void checkService(Service service, List<Workload> workloads, List<String> problems) {
		String where = "Service " + service.getMetadata().getName();
		Map<String, String> selector = Objects.requireNonNullElse(service.getSpec().getSelector(), Map.of());
		List<Workload> selected = workloads.stream()
			.filter((w) -> !selector.isEmpty()
					&& selector.entrySet().stream().allMatch((e) -> e.getValue().equals(w.podLabels().get(e.getKey()))))
			.toList();
		if (selected.isEmpty()) {
			problems.add(where + ": selects no workload's pods");
		}
		for (ServicePort port : service.getSpec().getPorts()) {
			String target = (port.getTargetPort() != null) ? port.getTargetPort().getValue().toString()
					: String.valueOf(port.getPort());
			for (Workload workload : selected) {
				if (workload.containerPort(target).isEmpty()) {
					problems.add(where + ": targetPort " + target + " is no container port of " + workload.describe());
				}
			}
		}
	}

	private static void checkProbes(Workload workload, AppContainer app, int appPort, List<String> problems) {
		Container container = app.container();
		String where = workload.describe() + " container " + container.getName();
		checkProbe(workload, where, "readinessProbe", container.getReadinessProbe(), "/readyz", appPort, problems);
		checkProbe(workload, where, "livenessProbe", container.getLivenessProbe(), "/livez", appPort, problems);
		checkProbe(workload, where, "startupProbe", container.getStartupProbe(), "/livez", appPort, problems);
	}

	private static void checkProbe(Workload workload, String where, String name, Probe probe, String path, int appPort,
			List<String> problems) {
		HTTPGetAction get = (probe != null) ? probe.getHttpGet() : null;
		if (get == null) {
			problems.add(where + ": no " + name + " (HTTP GET " + path + ")");
			return;
		}
		if (!path.equals(get.getPath())) {
			problems.add(where + ": " + name + " asks " + get.getPath() + ", the app answers " + path);
		}
		String port = get.getPort().getValue().toString();
		Integer number = workload.containerPort(port).orElse(null);
		if (number == null || number != appPort) {
			problems.add(where + ": " + name + " on port " + port + ", the app listens on " + appPort);
		}
	}

}
