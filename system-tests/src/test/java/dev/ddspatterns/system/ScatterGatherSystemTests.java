package dev.ddspatterns.system;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scatter/gather in containers: search-root over two search-leaf containers, each reading
 * the repository's corpus from its own directory (as the content-sync sidecar fills it in
 * docker-compose.yml). A frozen leaf costs a partial answer within the deadline, not an
 * error; a document added to the leaves' directory is found once they have reloaded.
 */
class ScatterGatherSystemTests {

	private static final SuiteHttp http = new SuiteHttp();

	private static Network network;

	private static GenericContainer<?> leaf0;

	private static GenericContainer<?> leaf1;

	private static GenericContainer<?> root;

	@BeforeAll
	static void start() {
		network = SuiteContainers.network();
		leaf0 = leaf(0);
		leaf1 = leaf(1);
		root = SuiteContainers.app(network, "search-root", "search-root", 8082)
			.withEnv("SUITE_SEARCH_SHARDS_0_REPLICAS_0", "http://search-leaf-0:8090")
			.withEnv("SUITE_SEARCH_SHARDS_1_REPLICAS_0", "http://search-leaf-1:8090");
		Startables.deepStart(leaf0, leaf1).join();
		root.start();
	}

	private static GenericContainer<?> leaf(int shard) {
		return SuiteContainers.app(network, "search-leaf", "search-leaf-" + shard, 8090)
			.withEnv("SUITE_SEARCH_LEAF_SHARD_INDEX", String.valueOf(shard))
			.withEnv("SUITE_SEARCH_LEAF_SHARD_COUNT", "2")
			.withEnv("SUITE_SEARCH_LEAF_CORPUS", "/corpus")
			.withCopyFileToContainer(MountableFile.forHostPath(SuiteImages.root().resolve("corpus")), "/corpus");
	}

	@AfterAll
	static void stop() {
		SuiteContainers.stop(network, root, leaf0, leaf1);
	}

	@Test
	void aQueryIsAnsweredFromEveryShard() {
		// Ready is not warm: a just-started leaf's first queries can miss the root's
		// deadline, and the answer then says so (partial). Complete once they are warm.
		JsonNode answer = await().atMost(Duration.ofSeconds(30))
			.until(() -> search("cat AND dog", 20), (complete) -> !complete.get("partial").asBoolean());
		assertThat(shardsOf(answer)).containsExactly(0, 1);
	}

	@Test
	void aFrozenLeafCostsAPartialAnswerWithinTheDeadline() {
		SuiteContainers.pause(leaf1);
		try {
			long started = System.nanoTime();
			JsonNode answer = search("cat AND dog", 19);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(answer.get("partial").asBoolean()).isTrue();
			assertThat(answer.get("missingShards").values()).extracting(JsonNode::asInt).containsExactly(1);
			assertThat(shardsOf(answer)).containsExactly(0);
			// The root's deadline is 1 s; the answer does not wait for the frozen leaf.
			assertThat(took).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			SuiteContainers.unpause(leaf1);
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(search("cat AND dog", 18).get("partial").asBoolean()).isFalse());
	}

	@Test
	void aDocumentAddedToTheLeavesDirectoryIsFoundAfterTheirReload() {
		assertThat(search("quokka", 5).get("hits").values()).isEmpty();
		// What the content-sync sidecar does in docker-compose.yml: a new file in the
		// corpus
		// directory of every leaf. The leaf whose shard the document belongs to indexes
		// it.
		Transferable file = Transferable
			.of("""
					{"id": "system-test-1", "title": "The Quokka and the Container", "body": "A quokka stood up in a container."}
					""");
		leaf0.copyFileToContainer(file, "/corpus/added/system-test.jsonl");
		leaf1.copyFileToContainer(file, "/corpus/added/system-test.jsonl");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode answer = search("quokka", 5);
			assertThat(answer.get("hits").values()).extracting((hit) -> hit.get("id").asString())
				.containsExactly("system-test-1");
		});
	}

	private static JsonNode search(String query, int k) {
		return http.getJson(SuiteContainers.url(root, 8082) + "/v1/search?q="
				+ java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8) + "&k=" + k);
	}

	private static Set<Integer> shardsOf(JsonNode answer) {
		Set<Integer> shards = new TreeSet<>();
		answer.get("hits").values().forEach((hit) -> shards.add(hit.get("shard").asInt()));
		return shards;
	}

}
