package dev.ddspatterns.sharding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/** What is particular to the ring: its virtual nodes. */
class ConsistentHashRingTests {

	@Test
	void eachUnitOfWeightAddsTheDefaultNumberOfPoints() {
		ConsistentHashRing ring = ConsistentHashRing.ofNodes(List.of(new ShardNode("a", 1), new ShardNode("b", 3)));
		assertThat(ring.virtualNodesPerWeight()).isEqualTo(ConsistentHashRing.DEFAULT_VIRTUAL_NODES);
		assertThat(ring.pointCount()).isEqualTo(4 * ConsistentHashRing.DEFAULT_VIRTUAL_NODES);
		assertThat(ring.withoutNode("b").pointCount()).isEqualTo(ConsistentHashRing.DEFAULT_VIRTUAL_NODES);
	}

	@Test
	void theNodesShareTheWholeCircleInProportionToTheirWeights() {
		ConsistentHashRing ring = ConsistentHashRing.ofNodes(List.of(new ShardNode("a", 1), new ShardNode("b", 3)));
		Map<String, Double> shares = ring.shareOfCircle();
		assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
		assertThat(shares.get("a")).isCloseTo(0.25, withinPercentage(5));
		assertThat(shares.get("b")).isCloseTo(0.75, withinPercentage(5));
		assertThat(ConsistentHashRing.ofNodes(List.of(ShardNode.of("only")), 1).shareOfCircle()).containsEntry("only",
				1.0);
	}

	@Test
	void theVirtualNodeCountSurvivesTopologyChanges() {
		ConsistentHashRing ring = ConsistentHashRing.ofNodes(List.of(ShardNode.of("a")), 16).withNode("b");
		assertThat(ring.virtualNodesPerWeight()).isEqualTo(16);
		assertThat(ring.pointCount()).isEqualTo(32);
	}

	@Test
	void fewVirtualNodesLeaveSomeShardsFarFullerThanOthers() {
		long[] keys = SampleKeys.hashes();
		assertThat(fullestOverMean(ring(16), keys)).isGreaterThan(1.10);
		assertThat(fullestOverMean(ring(ConsistentHashRing.DEFAULT_VIRTUAL_NODES), keys)).isLessThan(1.05);
	}

	@Test
	void absurdSizesAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConsistentHashRing.ofNodes(List.of(ShardNode.of("a")), 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConsistentHashRing.ofNodes(List.of(new ShardNode("a", 100_000)), 8192))
			.withMessageContaining("too big");
	}

	private static ConsistentHashRing ring(int virtualNodes) {
		return ConsistentHashRing.ofNodes(
				List.of(ShardNode.of("a"), ShardNode.of("b"), ShardNode.of("c"), ShardNode.of("d"), ShardNode.of("e")),
				virtualNodes);
	}

	private static double fullestOverMean(ShardSelector selector, long[] keys) {
		Map<String, Integer> counts = new HashMap<>();
		for (long key : keys) {
			counts.merge(selector.nodeForHash(key), 1, Integer::sum);
		}
		return counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow()
				/ ((double) keys.length / selector.nodes().size());
	}

}
