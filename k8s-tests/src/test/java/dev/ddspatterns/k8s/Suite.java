package dev.ddspatterns.k8s;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import dev.ddspatterns.k8s.Manifests.Manifest;

/**
 * The resources of one kustomization, with the lookups the checks share.
 *
 * @param manifests every resource, in the order read
 */
record Suite(List<Manifest> manifests) {

	static final String APP_IMAGE_PREFIX = "dds-patterns/";

	<T extends HasMetadata> Stream<T> all(Class<T> type) {
		return this.manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast);
	}

	List<Workload> workloads() {
		Stream<Workload> deployments = all(Deployment.class).map((d) -> new Workload(d.getKind(),
				d.getMetadata().getName(), d.getSpec().getSelector(), d.getSpec().getTemplate()));
		Stream<Workload> statefulSets = all(StatefulSet.class).map((s) -> new Workload(s.getKind(),
				s.getMetadata().getName(), s.getSpec().getSelector(), s.getSpec().getTemplate()));
		return Stream.concat(deployments, statefulSets).toList();
	}

	Optional<Service> service(String name) {
		return all(Service.class).filter((s) -> s.getMetadata().getName().equals(name)).findFirst();
	}

	Optional<ConfigMap> configMap(String name) {
		return all(ConfigMap.class).filter((c) -> c.getMetadata().getName().equals(name)).findFirst();
	}

	List<NetworkPolicy> networkPolicies() {
		return all(NetworkPolicy.class).toList();
	}

	List<PodDisruptionBudget> disruptionBudgets() {
		return all(PodDisruptionBudget.class).toList();
	}

	/**
	 * Whether a label selector selects a set of labels: matchLabels and matchExpressions
	 * (In, NotIn, Exists, DoesNotExist) as the API server reads them. An empty selector
	 * selects everything.
	 */
	static boolean selects(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		Map<String, String> required = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
		boolean labelsMatch = required.entrySet()
			.stream()
			.allMatch((entry) -> entry.getValue().equals(labels.get(entry.getKey())));
		List<LabelSelectorRequirement> expressions = Objects.requireNonNullElse(selector.getMatchExpressions(),
				List.of());
		return labelsMatch && expressions.stream().allMatch((expression) -> matches(expression, labels));
	}

	private static boolean matches(LabelSelectorRequirement expression, Map<String, String> labels) {
		String value = labels.get(expression.getKey());
		return switch (expression.getOperator()) {
			case "In" -> value != null && expression.getValues().contains(value);
			case "NotIn" -> value == null || !expression.getValues().contains(value);
			case "Exists" -> value != null;
			case "DoesNotExist" -> value == null;
			default -> false;
		};
	}

	/**
	 * A Deployment or StatefulSet.
	 *
	 * @param kind its kind
	 * @param name its name
	 * @param selector the selector of its pods
	 * @param template its pod template
	 */
	record Workload(String kind, String name, LabelSelector selector, PodTemplateSpec template) {

		Map<String, String> podLabels() {
			return Objects.requireNonNullElse(this.template.getMetadata().getLabels(), Map.of());
		}

		Map<String, String> podAnnotations() {
			return Objects.requireNonNullElse(this.template.getMetadata().getAnnotations(), Map.of());
		}

		List<Container> containers() {
			return Stream
				.concat(Objects.requireNonNullElse(this.template.getSpec().getInitContainers(), List.<Container>of())
					.stream(), this.template.getSpec().getContainers().stream())
				.toList();
		}

		/** The container running one of the suite's apps, with the app's module name. */
		Optional<AppContainer> app() {
			return this.template.getSpec()
				.getContainers()
				.stream()
				.filter((c) -> c.getImage() != null && c.getImage().startsWith(APP_IMAGE_PREFIX))
				.map((c) -> new AppContainer(c.getImage().substring(APP_IMAGE_PREFIX.length()).split(":")[0], c))
				.findFirst();
		}

		/** The number of a container port, by name or number, when a container has it. */
		Optional<Integer> containerPort(String nameOrNumber) {
			return containers().stream()
				.flatMap((c) -> Objects
					.requireNonNullElse(c.getPorts(), List.<io.fabric8.kubernetes.api.model.ContainerPort>of())
					.stream())
				.filter((p) -> nameOrNumber.equals(p.getName())
						|| nameOrNumber.equals(String.valueOf(p.getContainerPort())))
				.map(io.fabric8.kubernetes.api.model.ContainerPort::getContainerPort)
				.findFirst();
		}

		String describe() {
			return this.kind + " " + this.name;
		}

	}

	/**
	 * The container that runs an app.
	 *
	 * @param module the app's module, from its image name
	 * @param container the container
	 */
	record AppContainer(String module, Container container) {
	}

}
