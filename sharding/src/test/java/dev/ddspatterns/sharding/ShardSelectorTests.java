package dev.ddspatterns.sharding;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** What every sharding function promises, whatever its algorithm. */
class ShardSelectorTests {

	private static final String[] KEYS = SampleKeys.keys(10_000);

	@ParameterizedTest
	@EnumSource
	void sameKeyAlwaysMapsToSameShard(Algorithm algorithm) {
		ShardSelector one = algorithm.over("a", "b", "c", "d");
		ShardSelector other = algorithm.over("a", "b", "c", "d");
		for (String key : KEYS) {
			assertThat(one.nodeFor(key)).isEqualTo(one.nodeFor(key)).isEqualTo(other.nodeFor(key));
		}
	}

	@ParameterizedTest
	@EnumSource
	void answersDoNotDependOnTheOrderNodesAreListed(Algorithm algorithm) {
		ShardSelector listed = algorithm.over("a", "b", "c", "d");
		ShardSelector shuffled = algorithm.over("c", "a", "d", "b");
		ShardSelector grown = algorithm.over("d").withNode("b").withNode("a").withNode("c");
		for (String key : KEYS) {
			assertThat(shuffled.nodeFor(key)).isEqualTo(listed.nodeFor(key));
			assertThat(grown.nodeFor(key)).isEqualTo(listed.nodeFor(key));
		}
		assertThat(shuffled.nodes()).extracting(ShardNode::id).containsExactly("a", "b", "c", "d");
	}

	@ParameterizedTest
	@EnumSource
	void changingNodesLeavesTheOriginalUntouched(Algorithm algorithm) {
		ShardSelector original = algorithm.over("a", "b", "c");
		List<String> before = List.of(KEYS).stream().map(original::nodeFor).toList();
		original.withNode("d");
		original.withoutNode("a");
		assertThat(List.of(KEYS).stream().map(original::nodeFor).toList()).isEqualTo(before);
		assertThat(original.nodes()).extracting(ShardNode::id).containsExactly("a", "b", "c");
	}

	@ParameterizedTest
	@EnumSource
	void stringBytesAndHashLookupsAgree(Algorithm algorithm) {
		ShardSelector selector = algorithm.over("a", "b", "c");
		for (String key : KEYS) {
			String owner = selector.nodeFor(key);
			assertThat(selector.nodeForHash(KeyHash.of(key))).isEqualTo(owner);
			assertThat(selector.nodeFor(key.getBytes(StandardCharsets.UTF_16LE))).isEqualTo(owner);
		}
	}

	@ParameterizedTest
	@EnumSource
	void keysWithTheSameHashTagShareAShard(Algorithm algorithm) {
		ShardSelector selector = algorithm.shards(10);
		for (int user = 0; user < 1_000; user++) {
			String owner = selector.nodeFor(HashTag.select("{user" + user + "}:cart"));
			assertThat(selector.nodeFor(HashTag.select("{user" + user + "}:profile"))).isEqualTo(owner);
			assertThat(selector.nodeFor(HashTag.select("session:{user" + user + "}"))).isEqualTo(owner);
		}
	}

	@ParameterizedTest
	@EnumSource
	void aSingleNodeOwnsEveryKey(Algorithm algorithm) {
		ShardSelector selector = algorithm.over("only");
		assertThat(List.of(KEYS).stream().map(selector::nodeFor).distinct()).containsExactly("only");
	}

	@ParameterizedTest
	@EnumSource
	void withoutNodesThereIsNoOwner(Algorithm algorithm) {
		ShardSelector empty = algorithm.over("a").withoutNode("a");
		assertThat(empty.nodes()).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> empty.nodeFor("key"));
		assertThat(empty.withNode("b").nodeFor("key")).isEqualTo("b");
	}

	@ParameterizedTest
	@EnumSource
	void invalidTopologiesAreRejected(Algorithm algorithm) {
		assertThatIllegalArgumentException().isThrownBy(() -> algorithm.over("a", "b", "a"))
			.withMessageContaining("'a' is listed twice");
		assertThatIllegalArgumentException().isThrownBy(() -> algorithm.over("a", "b").withoutNode("c"))
			.withMessageContaining("No node 'c'");
		assertThatIllegalArgumentException().isThrownBy(() -> algorithm.over(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> new ShardNode("a", 0))
			.withMessageContaining("weight of at least 1");
	}

	@ParameterizedTest
	@EnumSource
	void withNodeOfAKnownIdChangesItsWeight(Algorithm algorithm) {
		ShardSelector selector = algorithm.over("a", "b").withNode(new ShardNode("b", 3));
		assertThat(selector.nodes()).containsExactly(new ShardNode("a", 1), new ShardNode("b", 3));
	}

}
