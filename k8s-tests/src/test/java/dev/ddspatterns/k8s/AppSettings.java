package dev.ddspatterns.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import dev.ddspatterns.k8s.Suite.Workload;

/**
 * The settings an app container gets: its environment (literal values, and every key of
 * the ConfigMaps it takes with {@code envFrom}) and the config files that
 * {@code SPRING_CONFIG_IMPORT} names, read from the ConfigMap mounted there. Each is
 * keyed the way an environment variable spells a property
 * ({@code SUITE_CACHE_SHARDS_0_PRIMARY}); a file's {@code instances.cache-service[0].uri}
 * becomes {@code INSTANCES_CACHESERVICE_0_URI}.
 */
final class AppSettings {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private AppSettings() {
	}

	/**
	 * @return each setting's name and value; a value taken from the pod (fieldRef) is the
	 * empty string
	 */
	static Map<String, String> of(Workload workload, Container container, Suite suite) {
		Map<String, String> settings = new LinkedHashMap<>();
		for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
			if (source.getConfigMapRef() != null) {
				suite.configMap(source.getConfigMapRef().getName())
					.map(ConfigMap::getData)
					.ifPresent((data) -> settings.putAll(data));
			}
		}
		for (EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
			settings.put(variable.getName(), Objects.requireNonNullElse(variable.getValue(), ""));
		}
		String imports = settings.get("SPRING_CONFIG_IMPORT");
		if (imports != null) {
			for (String location : imports.split(",")) {
				configFile(location.replaceFirst("^optional:", "").replaceFirst("^file:", ""), workload, container,
						suite)
					.ifPresent((file) -> flatten(file, "", settings));
			}
		}
		return settings;
	}

	private static Optional<JsonNode> configFile(String path, Workload workload, Container container, Suite suite) {
		for (VolumeMount mount : Objects.requireNonNullElse(container.getVolumeMounts(), List.<VolumeMount>of())) {
			if (!path.startsWith(mount.getMountPath() + "/")) {
				continue;
			}
			String key = path.substring(mount.getMountPath().length() + 1);
			Optional<String> text = workload.template()
				.getSpec()
				.getVolumes()
				.stream()
				.filter((volume) -> volume.getName().equals(mount.getName()) && volume.getConfigMap() != null)
				.map(Volume::getConfigMap)
				.findFirst()
				.flatMap((source) -> suite.configMap(source.getName()))
				.map((configMap) -> configMap.getData().get(key));
			if (text.isPresent()) {
				try {
					return Optional.of(YAML.readTree(text.get()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return Optional.empty();
	}

	private static void flatten(JsonNode node, String prefix, Map<String, String> settings) {
		if (node.isObject()) {
			node.properties()
				.forEach((field) -> flatten(field.getValue(), (prefix.isEmpty() ? "" : prefix + "_")
						+ PropertyShapes.envName(field.getKey().replace('.', '_')), settings));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				flatten(node.get(i), prefix + "_" + i, settings);
			}
		}
		else {
			settings.put(prefix, node.asText());
		}
	}

}
