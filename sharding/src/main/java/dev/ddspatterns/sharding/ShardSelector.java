package dev.ddspatterns.sharding;

import java.util.List;

/**
 * A sharding function: it maps every key to the one node that owns it, and every process
 * holding the same nodes gets the same answer without asking anyone.
 *
 * <p>
 * Implementations are immutable. {@link #withNode} and {@link #withoutNode} return a new
 * selector, so a router keeps one in a {@code volatile} field (or an
 * {@code AtomicReference}) and swaps it when the topology changes: a lookup sees the old
 * nodes or the new ones, never half of each. Lookups return node ids rather than
 * connections; the caller keeps its own map from id to client.
 *
 * <p>
 * Every key goes through {@link KeyHash} first, so all implementations agree on what a
 * key's hash is and differ only in how the hash picks a node.
 */
public interface ShardSelector {

	/**
	 * @param key the key, or the part of it chosen by {@link HashTag#select(String)}
	 * @return the id of the node that owns it
	 * @throws IllegalStateException if there are no nodes
	 */
	default String nodeFor(String key) {
		return nodeForHash(KeyHash.of(key));
	}

	/**
	 * @param key the key as raw bytes; note that these are hashed as they are, so
	 * {@code nodeFor("a")} equals {@code nodeFor("a".getBytes(UTF_16LE))}, not the UTF-8
	 * bytes
	 * @return the id of the node that owns it
	 * @throws IllegalStateException if there are no nodes
	 */
	default String nodeFor(byte[] key) {
		return nodeForHash(KeyHash.of(key));
	}

	/**
	 * @param keyHash the key's {@link KeyHash}, for callers that hash once and look up in
	 * several selectors (for example the old and the new one while resharding)
	 * @return the id of the node that owns it
	 * @throws IllegalStateException if there are no nodes
	 */
	String nodeForHash(long keyHash);

	/**
	 * @return the nodes, sorted by id
	 */
	List<ShardNode> nodes();

	/**
	 * @param node a node to add, or a new weight for a node already present
	 * @return a selector that also maps keys to this node
	 */
	ShardSelector withNode(ShardNode node);

	/**
	 * @param id a node to add with weight 1
	 * @return a selector that also maps keys to this node
	 */
	default ShardSelector withNode(String id) {
		return withNode(ShardNode.of(id));
	}

	/**
	 * @param id the node to remove
	 * @return a selector without this node; its keys are spread over the others
	 * @throws IllegalArgumentException if there is no such node
	 */
	ShardSelector withoutNode(String id);

}
