package dev.ddspatterns.sharding;

/**
 * A shard as a sharding function sees it: a stable id and a relative capacity, so that a
 * bigger server can own a proportionally bigger share of the keys.
 *
 * @param id the stable name of the shard; it is what gets hashed, so renaming a shard
 * moves its keys
 * @param weight relative capacity, at least 1: a node of weight 2 owns about twice the
 * keys of a node of weight 1
 */
public record ShardNode(String id, int weight) {

	public ShardNode {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("A node needs a non-blank id");
		}
		if (weight < 1) {
			throw new IllegalArgumentException("Node '" + id + "' needs a weight of at least 1, not " + weight);
		}
	}

	/**
	 * @param id the stable name of the shard
	 * @return a node of weight 1
	 */
	public static ShardNode of(String id) {
		return new ShardNode(id, 1);
	}

}
