package dev.ddspatterns.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Reads what {@code kubectl apply -k
 *
<dir>
 * } would send, without kustomize: the {@code resources} of a kustomization, directories
 * followed to their own kustomization, each YAML document bound to its typed Kubernetes
 * model. Kustomize's transformers (namespace, labels, replicas, patches) are not applied:
 * the checks are about the bases, which must be right on their own.
 *
 * <p>
 * An overrides directory stands in for files of the real tree: a file at the same path
 * relative to the tree's root replaces the real one. The broken fixtures are built that
 * way, one planted fault each.
 */
final class Manifests {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private final Path root;

	private final Path overrides;

	private final KubernetesSerialization serialization;

	private Manifests(Path root, Path overrides) {
		this.root = root;
		this.overrides = overrides;
		this.serialization = new KubernetesSerialization();
		// Fields of the wrong type land in additionalProperties too, instead of only in
		// templates.
		this.serialization.getUnmatchedFieldTypeModule().setRestrictToTemplates(false);
	}

	/**
	 * Reads a kustomization of the real tree.
	 * @param root the tree's root, {@code k8s/}
	 * @param kustomization the kustomization's directory, relative to the root
	 * @return every resource, in order
	 */
	static List<Manifest> read(Path root, String kustomization) {
		return read(root, kustomization, null);
	}

	/**
	 * Reads a kustomization with some files replaced.
	 * @param root the tree's root, {@code k8s/}
	 * @param kustomization the kustomization's directory, relative to the root
	 * @param overrides a directory whose files replace those at the same relative paths
	 * @return every resource, in order
	 */
	static List<Manifest> read(Path root, String kustomization, Path overrides) {
		Manifests manifests = new Manifests(root.toAbsolutePath().normalize(), overrides);
		List<Manifest> result = new ArrayList<>();
		manifests.readKustomization(manifests.root.resolve(kustomization).normalize(), result);
		return result;
	}

	private void readKustomization(Path directory, List<Manifest> result) {
		JsonNode kustomization = documents(directory.resolve("kustomization.yaml")).getFirst();
		for (JsonNode resource : kustomization.path("resources")) {
			Path path = directory.resolve(resource.asText()).normalize();
			if (Files.isDirectory(path)) {
				readKustomization(path, result);
			}
			else {
				for (JsonNode document : documents(path)) {
					KubernetesResource typed = this.serialization.convertValue(document, KubernetesResource.class);
					result.add(new Manifest(this.root.relativize(path), (HasMetadata) typed));
				}
			}
		}
	}

	private List<JsonNode> documents(Path file) {
		Path source = replacement(file).orElse(file);
		try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(source.toFile())) {
			return documents.readAll()
				.stream()
				.filter((document) -> !document.isNull() && !document.isEmpty())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + source, ex);
		}
	}

	private Optional<Path> replacement(Path file) {
		if (this.overrides == null) {
			return Optional.empty();
		}
		Path candidate = this.overrides.resolve(this.root.relativize(file).toString());
		return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
	}

	/**
	 * One resource and the file it came from.
	 *
	 * @param file the path relative to the tree's root
	 * @param resource the typed resource; a {@code GenericKubernetesResource} when its
	 * kind and apiVersion name no known type
	 */
	record Manifest(Path file, HasMetadata resource) {

		String describe() {
			return this.resource.getKind() + " " + this.resource.getMetadata().getName() + " (" + this.file + ")";
		}

	}

}
