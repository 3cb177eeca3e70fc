package dev.ddspatterns.search.leaf.index;

import java.util.stream.IntStream;

import dev.ddspatterns.sharding.RendezvousHashing;
import dev.ddspatterns.sharding.ShardSelector;

/**
 * Which documents belong to one shard: rendezvous hashing of the document id over the
 * nodes {@code shard-0 .. shard-(n-1)}. Every leaf computes it alone and together they
 * still partition the corpus, each document on exactly one leaf. Public so that a test
 * can compute the same partition.
 */
public final class ShardAssignment {

	private final int index;

	private final int count;

	private final ShardSelector selector;

	private ShardAssignment(int index, int count) {
		if (count < 1 || index < 0 || index >= count) {
			throw new IllegalArgumentException("Shard " + index + " of " + count + " does not exist");
		}
		this.index = index;
		this.count = count;
		this.selector = RendezvousHashing.of(IntStream.range(0, count).mapToObj(ShardAssignment::nodeName).toList());
	}

	/**
	 * @param index this shard, from 0 to {@code count - 1}
	 * @param count how many shards there are
	 * @return the assignment of that shard
	 */
	public static ShardAssignment of(int index, int count) {
		return new ShardAssignment(index, count);
	}

	/**
	 * @param index a shard index
	 * @return the node name the sharding function knows the shard by
	 */
	public static String nodeName(int index) {
		return "shard-" + index;
	}

	/**
	 * @param id a document id
	 * @return whether the document belongs to this shard
	 */
	public boolean owns(String id) {
		return this.selector.nodeFor(id).equals(nodeName(this.index));
	}

	public int index() {
		return this.index;
	}

	public int count() {
		return this.count;
	}

	@Override
	public String toString() {
		return "shard " + this.index + " of " + this.count;
	}

}
