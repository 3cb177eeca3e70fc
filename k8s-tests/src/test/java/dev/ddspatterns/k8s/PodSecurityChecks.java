package dev.ddspatterns.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

import dev.ddspatterns.k8s.Suite.Workload;

/**
 * Every pod passes the Pod Security Standards' "restricted" profile, as the namespace
 * enforces it, and the suite's own rules on top: a read-only root file system, requests
 * and limits for CPU and memory, and images pinned to a tag other than {@code latest}.
 */
final class PodSecurityChecks {

	/** The volume types "restricted" allows. */
	private static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
			"ephemeral", "persistentVolumeClaim", "projected", "secret");

	private PodSecurityChecks() {
	}

	static List<String> check(Suite suite) {
		List<String> problems = new ArrayList<>();
		for (Workload workload : suite.workloads()) {
			PodSpec pod = workload.template().getSpec();
			PodSecurityContext podContext = Objects.requireNonNullElseGet(pod.getSecurityContext(),
					PodSecurityContext::new);
			String where = workload.describe();
			if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
					|| Boolean.TRUE.equals(pod.getHostIPC())) {
				problems.add(where + ": shares a host namespace");
			}
			for (Volume volume : Objects.requireNonNullElse(pod.getVolumes(), List.<Volume>of())) {
				if (volumeTypes(volume).stream().anyMatch((type) -> !ALLOWED_VOLUMES.contains(type))) {
					problems.add(where + ": volume " + volume.getName() + " is of a type restricted forbids");
				}
			}
			for (Container container : workload.containers()) {
				checkContainer(container, podContext, where + " container " + container.getName(), problems);
			}
		}
		return problems;
	}

	private static void checkContainer(Container container, PodSecurityContext pod, String where,
			List<String> problems) {
		SecurityContext context = Objects.requireNonNullElseGet(container.getSecurityContext(), SecurityContext::new);
		if (Boolean.TRUE.equals(context.getPrivileged())) {
			problems.add(where + ": privileged");
		}
		if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
			problems.add(where + ": allowPrivilegeEscalation is not false");
		}
		Capabilities capabilities = Objects.requireNonNullElseGet(context.getCapabilities(), Capabilities::new);
		if (!Objects.requireNonNullElse(capabilities.getDrop(), List.of()).contains("ALL")) {
			problems.add(where + ": capabilities do not drop ALL");
		}
		if (!Objects.requireNonNullElse(capabilities.getAdd(), List.<String>of())
			.stream()
			.allMatch("NET_BIND_SERVICE"::equals)) {
			problems.add(where + ": adds capabilities");
		}
		Boolean nonRoot = Optional.ofNullable(context.getRunAsNonRoot()).orElse(pod.getRunAsNonRoot());
		if (!Boolean.TRUE.equals(nonRoot)) {
			problems.add(where + ": runAsNonRoot is not true");
		}
		Long user = Optional.ofNullable(context.getRunAsUser()).orElse(pod.getRunAsUser());
		if (user != null && user == 0) {
			problems.add(where + ": runs as uid 0");
		}
		String seccomp = Optional.ofNullable(context.getSeccompProfile())
			.or(() -> Optional.ofNullable(pod.getSeccompProfile()))
			.map((profile) -> profile.getType())
			.orElse("unset");
		if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
			problems.add(where + ": seccomp profile " + seccomp);
		}
		if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
			problems.add(where + ": root file system is writable");
		}
		if (Objects.requireNonNullElse(container.getPorts(), List.<io.fabric8.kubernetes.api.model.ContainerPort>of())
			.stream()
			.anyMatch((port) -> port.getHostPort() != null)) {
			problems.add(where + ": uses a host port");
		}
		checkResources(container, where, problems);
		checkImage(container, where, problems);
	}

	private static void checkResources(Container container, String where, List<String> problems) {
		Map<String, Quantity> requests = (container.getResources() != null) ? container.getResources().getRequests()
				: null;
		Map<String, Quantity> limits = (container.getResources() != null) ? container.getResources().getLimits() : null;
		for (String resource : List.of("cpu", "memory")) {
			if (requests == null || !requests.containsKey(resource)) {
				problems.add(where + ": no " + resource + " request");
			}
			if (limits == null || !limits.containsKey(resource)) {
				problems.add(where + ": no " + resource + " limit");
			}
		}
	}

	private static void checkImage(Container container, String where, List<String> problems) {
		String image = Objects.requireNonNullElse(container.getImage(), "");
		String lastPart = image.substring(image.lastIndexOf('/') + 1);
		if (!lastPart.contains(":") || lastPart.endsWith(":latest")) {
			problems.add(where + ": image " + image + " is not pinned to a tag");
		}
	}

	/** The volume's source, named as in the API (emptyDir, hostPath, ...). */
	private static List<String> volumeTypes(Volume volume) {
		List<String> types = new ArrayList<>();
		for (var method : Volume.class.getMethods()) {
			if (method.getName().startsWith("get") && method.getParameterCount() == 0
					&& method.getReturnType().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
				try {
					if (method.invoke(volume) != null) {
						String name = method.getName().substring(3);
						types.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
					}
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return types;
	}

}
