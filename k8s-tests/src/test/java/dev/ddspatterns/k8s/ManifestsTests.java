package dev.ddspatterns.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real manifests: the whole suite as the local overlay deploys it, and each base on
 * its own, as {@code kubectl apply -k k8s/<service>} deploys it.
 */
class ManifestsTests {

	@Test
	void theWholeSuitePassesEveryCheck() {
		Suite suite = Findings.read("overlays/local");
		assertThat(suite.workloads()).hasSize(11);
		assertThat(Findings.ofSuite(suite)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("bases")
	void eachBaseDeploysOnItsOwn(String base) {
		Suite suite = Findings.read(base);
		assertThat(suite.workloads()).hasSize(1);
		assertThat(Findings.ofBase(suite)).isEmpty();
	}

	@Test
	void theLocalOverlayListsEveryBase() {
		List<String> listed = Findings.read("overlays/local")
			.manifests()
			.stream()
			.map((manifest) -> manifest.file().getName(0).toString())
			.distinct()
			.toList();
		assertThat(listed).containsAll(bases().toList());
	}

	@Test
	void theNamespaceEnforcesRestrictedAndDeniesByDefault() {
		Suite suite = Findings.read("overlays/local");
		assertThat(suite.all(Namespace.class).findFirst().orElseThrow().getMetadata().getLabels())
			.containsEntry("pod-security.kubernetes.io/enforce", "restricted");
		NetworkPolicy deny = suite.all(NetworkPolicy.class)
			.filter((policy) -> policy.getSpec().getPodSelector().getMatchLabels() == null
					|| policy.getSpec().getPodSelector().getMatchLabels().isEmpty())
			.findFirst()
			.orElseThrow();
		assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
		assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
	}

	/**
	 * Fencing tokens and the ledgers they guard survive a restart of the election's
	 * Redis: every write is appended and fsynced before Redis answers, to a volume that
	 * outlives the pod (docs/patterns/fencing.md).
	 */
	@Test
	void theElectionStoreKeepsItsDataOnAPersistentVolumeWithEveryWriteFsynced() {
		StatefulSet redis = Findings.read("overlays/local")
			.all(StatefulSet.class)
			.filter((s) -> s.getMetadata().getName().equals("election-redis"))
			.findFirst()
			.orElseThrow();
		List<String> args = redis.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
		assertThat(String.join(" ", args)).contains("--appendonly yes", "--appendfsync always", "--dir /data");
		assertThat(redis.getSpec().getVolumeClaimTemplates()).extracting((claim) -> claim.getMetadata().getName())
			.containsExactly("data");
		assertThat(redis.getSpec().getTemplate().getSpec().getVolumes())
			.noneMatch((volume) -> volume.getName().equals("data"));
	}

	@Test
	void searchRootAsksEachLeafForTheShardOfItsOrdinal() {
		Suite suite = Findings.read("overlays/local");
		StatefulSet leaves = suite.all(StatefulSet.class)
			.filter((s) -> s.getMetadata().getName().equals("search-leaf"))
			.findFirst()
			.orElseThrow();
		int shards = leaves.getSpec().getReplicas();
		assertThat(suite.configMap("search-leaf").orElseThrow().getData()).containsEntry("SUITE_SEARCH_LEAF_SHARDCOUNT",
				String.valueOf(shards));
		Map<String, String> root = suite.configMap("search-root").orElseThrow().getData();
		for (int shard = 0; shard < shards; shard++) {
			assertThat(root).containsEntry("SUITE_SEARCH_SHARDS_" + shard + "_REPLICAS_0",
					"http://search-leaf-" + shard + ".search-leaf:8090");
		}
		assertThat(root.keySet().stream().filter((key) -> key.startsWith("SUITE_SEARCH_SHARDS_"))).hasSize(shards);
		assertThat(leaves.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
			.anySatisfy((variable) -> {
				assertThat(variable.getName()).isEqualTo("SUITE_SEARCH_LEAF_SHARDINDEX");
				assertThat(variable.getValueFrom().getFieldRef().getFieldPath())
					.isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
			});
	}

	@Test
	void cacheServiceHasAPrimaryAndAReplicaPodForEachShard() {
		Suite suite = Findings.read("overlays/local");
		int pods = suite.all(StatefulSet.class)
			.filter((s) -> s.getMetadata().getName().equals("redis-shards"))
			.findFirst()
			.orElseThrow()
			.getSpec()
			.getReplicas();
		Map<String, String> cache = suite.configMap("cache-service").orElseThrow().getData();
		for (int shard = 0; shard < pods / 2; shard++) {
			assertThat(cache).containsEntry("SUITE_CACHE_SHARDS_" + shard + "_PRIMARY",
					"redis://redis-shards-" + (2 * shard) + ".redis-shards:6379");
			assertThat(cache).containsEntry("SUITE_CACHE_SHARDS_" + shard + "_REPLICAS_0",
					"redis://redis-shards-" + (2 * shard + 1) + ".redis-shards:6379");
		}
		assertThat(cache.keySet().stream().filter((key) -> key.endsWith("_PRIMARY"))).hasSize(pods / 2);
	}

	static Stream<String> bases() {
		try (Stream<Path> directories = Files.list(Findings.K8S)) {
			return directories.filter((d) -> Files.isRegularFile(d.resolve("kustomization.yaml")))
				.map((d) -> d.getFileName().toString())
				.sorted()
				.toList()
				.stream();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
