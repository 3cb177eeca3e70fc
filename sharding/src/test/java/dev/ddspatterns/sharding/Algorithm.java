package dev.ddspatterns.sharding;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/** The sharding functions under test, each with its default settings. */
enum Algorithm {

	RING(ConsistentHashRing::ofNodes), RENDEZVOUS(RendezvousHashing::ofNodes);

	private final Function<List<ShardNode>, ShardSelector> factory;

	Algorithm(Function<List<ShardNode>, ShardSelector> factory) {
		this.factory = factory;
	}

	ShardSelector over(List<ShardNode> nodes) {
		return this.factory.apply(nodes);
	}

	ShardSelector over(String... ids) {
		return over(List.of(ids).stream().map(ShardNode::of).toList());
	}

	/**
	 * @param count how many shards
	 * @return a selector over {@code shard-0 … shard-(count-1)}
	 */
	ShardSelector shards(int count) {
		return over(IntStream.range(0, count).mapToObj(Algorithm::shard).toArray(String[]::new));
	}

	static String shard(int index) {
		return "shard-" + index;
	}

}
