package dev.ddspatterns.console.panels;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ddspatterns.console.panels.RingDrawing.Arc;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RingDrawingTests {

	@Test
	void theArcsCoverTheRingOnceAndShowEachShardsShare() {
		List<Arc> arcs = RingDrawing.draw(List.of("shard-0", "shard-1", "shard-2"), List.of());
		assertThat(arcs.getFirst().from()).isZero();
		assertThat(arcs.getLast().to()).isEqualTo(1.0);
		for (int i = 1; i < arcs.size(); i++) {
			assertThat(arcs.get(i).from()).isEqualTo(arcs.get(i - 1).to());
		}
		Map<String, Double> shares = shares(arcs);
		assertThat(shares).containsOnlyKeys("shard-0", "shard-1", "shard-2");
		// 8192 virtual nodes each: every share is close to a third.
		shares.values().forEach((share) -> assertThat(share).isCloseTo(1.0 / 3, within(0.05)));
		assertThat(arcs).noneMatch(Arc::moving);
	}

	@Test
	void duringAnAddOnlyTheNewShardsArcsMoveAndEachFromItsPreviousOwner() {
		List<String> before = List.of("shard-0", "shard-1", "shard-2");
		List<Arc> arcs = RingDrawing.draw(List.of("shard-0", "shard-1", "shard-2", "shard-3"), before);
		assertThat(arcs.stream().filter(Arc::moving)).isNotEmpty()
			.allSatisfy((arc) -> assertThat(arc.owner()).isEqualTo("shard-3"))
			.allSatisfy((arc) -> assertThat(before).contains(arc.previous()));
		assertThat(arcs.stream().filter((arc) -> arc.owner().equals("shard-3"))).allMatch(Arc::moving);
		assertThat(shares(arcs).get("shard-3")).isCloseTo(0.25, within(0.05));
	}

	@Test
	void anEmptyRingDrawsNothing() {
		assertThat(RingDrawing.draw(List.of(), List.of())).isEmpty();
	}

	private static Map<String, Double> shares(List<Arc> arcs) {
		return arcs.stream()
			.collect(Collectors.groupingBy(Arc::owner, Collectors.summingDouble((a) -> a.to() - a.from())));
	}

}
