package dev.ddspatterns.sharding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The two properties that make a sharding function worth having, checked over a million
 * seeded keys for every cluster size from 3 to 10 shards: no shard is much fuller than
 * the others, and a change of shards moves only the keys it has to.
 */
class BalanceAndMovementTests {

	private static final long[] KEYS = SampleKeys.hashes();

	static Stream<Arguments> algorithmsAndSizes() {
		return Stream.of(Algorithm.values())
			.flatMap((algorithm) -> IntStream.rangeClosed(3, 10).mapToObj((shards) -> Arguments.of(algorithm, shards)));
	}

	@ParameterizedTest(name = "{0} with {1} shards")
	@MethodSource("algorithmsAndSizes")
	void fullestShardHoldsAtMostFivePercentMoreThanTheMean(Algorithm algorithm, int shards) {
		Map<String, Long> counts = count(algorithm.shards(shards));
		double mean = (double) KEYS.length / shards;
		long fullest = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
		assertThat(counts).hasSize(shards);
		assertThat(fullest / mean).isLessThanOrEqualTo(1.05);
	}

	@ParameterizedTest(name = "{0} growing from {1} shards")
	@MethodSource("algorithmsAndSizes")
	void keysMoveOnlyToTheNewShard(Algorithm algorithm, int shards) {
		ShardSelector before = algorithm.shards(shards);
		String added = Algorithm.shard(shards);
		ShardSelector after = before.withNode(added);
		long moved = 0;
		long movedElsewhere = 0;
		for (long key : KEYS) {
			String owner = after.nodeForHash(key);
			if (!owner.equals(before.nodeForHash(key))) {
				moved++;
				movedElsewhere += owner.equals(added) ? 0 : 1;
			}
		}
		assertThat(movedElsewhere).isZero();
		assertThat((double) moved / KEYS.length).isBetween(0.9 / (shards + 1), 1.1 / (shards + 1));
	}

	@ParameterizedTest(name = "{0} shrinking from {1} shards")
	@MethodSource("algorithmsAndSizes")
	void removingAShardMovesOnlyItsKeys(Algorithm algorithm, int shards) {
		ShardSelector before = algorithm.shards(shards);
		String removed = Algorithm.shard(1);
		ShardSelector after = before.withoutNode(removed);
		long movedFromOthers = 0;
		for (long key : KEYS) {
			String owner = before.nodeForHash(key);
			if (!owner.equals(removed) && !owner.equals(after.nodeForHash(key))) {
				movedFromOthers++;
			}
		}
		assertThat(movedFromOthers).isZero();
		assertThat(after.nodes()).extracting(ShardNode::id).doesNotContain(removed).hasSize(shards - 1);
	}

	@ParameterizedTest
	@EnumSource
	void eachShardOwnsItsWeightsShareOfTheKeys(Algorithm algorithm) {
		ShardSelector selector = algorithm
			.over(List.of(new ShardNode("small", 1), new ShardNode("medium", 2), new ShardNode("large", 3)));
		Map<String, Long> counts = count(selector);
		assertThat(share(counts, "small")).isCloseTo(1 / 6.0, withinPercentage(5));
		assertThat(share(counts, "medium")).isCloseTo(2 / 6.0, withinPercentage(5));
		assertThat(share(counts, "large")).isCloseTo(3 / 6.0, withinPercentage(5));
	}

	@ParameterizedTest
	@EnumSource
	void raisingAWeightMovesKeysOnlyToThatShard(Algorithm algorithm) {
		ShardSelector before = algorithm.shards(4);
		ShardSelector after = before.withNode(new ShardNode(Algorithm.shard(2), 2));
		long moved = 0;
		long movedElsewhere = 0;
		for (long key : KEYS) {
			String owner = after.nodeForHash(key);
			if (!owner.equals(before.nodeForHash(key))) {
				moved++;
				movedElsewhere += owner.equals(Algorithm.shard(2)) ? 0 : 1;
			}
		}
		assertThat(movedElsewhere).isZero();
		// From 1/4 of the keys to 2/5: 15% of all keys change owner.
		assertThat((double) moved / KEYS.length).isCloseTo(0.15, withinPercentage(5));
	}

	private static Map<String, Long> count(ShardSelector selector) {
		Map<String, long[]> counters = new HashMap<>();
		selector.nodes().forEach((node) -> counters.put(node.id(), new long[1]));
		for (long key : KEYS) {
			counters.get(selector.nodeForHash(key))[0]++;
		}
		Map<String, Long> counts = new HashMap<>();
		counters.forEach((id, counter) -> counts.put(id, counter[0]));
		return counts;
	}

	private static double share(Map<String, Long> counts, String id) {
		return (double) counts.get(id) / KEYS.length;
	}

}
