package dev.ddspatterns.k8s;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

import dev.ddspatterns.k8s.Manifests.Manifest;

/**
 * Every document is a known kind at a current, stable apiVersion, with no field the model
 * does not know. The fabric8 model keeps an unknown field (a typo such as
 * {@code readinesProbe}) or a field of the wrong type in a map of additional properties
 * instead of failing, so those maps are walked: any entry in one is a field the API
 * server would reject or, worse, silently drop.
 */
final class SchemaChecks {

	/** The versions this suite writes; older or beta versions are refused. */
	static final Map<String, String> API_VERSIONS = Map.ofEntries(Map.entry("Namespace", "v1"),
			Map.entry("ServiceAccount", "v1"), Map.entry("ConfigMap", "v1"), Map.entry("Service", "v1"),
			Map.entry("PersistentVolumeClaim", "v1"), Map.entry("Deployment", "apps/v1"),
			Map.entry("StatefulSet", "apps/v1"), Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
			Map.entry("PodDisruptionBudget", "policy/v1"), Map.entry("NetworkPolicy", "networking.k8s.io/v1"),
			Map.entry("Role", "rbac.authorization.k8s.io/v1"),
			Map.entry("RoleBinding", "rbac.authorization.k8s.io/v1"));

	private SchemaChecks() {
	}

	static List<String> check(Suite suite) {
		List<String> problems = new ArrayList<>();
		for (Manifest manifest : suite.manifests()) {
			HasMetadata resource = manifest.resource();
			if (resource instanceof GenericKubernetesResource) {
				problems.add(manifest.describe() + ": no known type for apiVersion " + resource.getApiVersion());
				continue;
			}
			String expected = API_VERSIONS.get(resource.getKind());
			if (!resource.getApiVersion().equals(expected)) {
				problems.add(manifest.describe() + ": apiVersion " + resource.getApiVersion() + ", expected "
						+ ((expected != null) ? expected : "a kind this suite uses"));
			}
			unknownFields(resource, "", manifest.describe(), problems);
		}
		return problems;
	}

	private static void unknownFields(Object value, String path, String where, List<String> problems) {
		if (value instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				unknownFields(item, path + "[" + i++ + "]", where, problems);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> unknownFields(item, path + "." + key, where, problems));
			return;
		}
		if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				Object fieldValue = read(field, value);
				if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> unknown) {
					unknown.keySet()
						.forEach((key) -> problems.add(where + ": unknown field " + (path + "." + key).substring(1)));
				}
				else if (field.isAnnotationPresent(JsonProperty.class)) {
					unknownFields(fieldValue, path + "." + field.getAnnotation(JsonProperty.class).value(), where,
							problems);
				}
			}
		}
	}

	private static Object read(Field field, Object target) {
		try {
			field.setAccessible(true);
			return field.get(target);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
