package dev.ddspatterns.sharding;

import java.util.List;

/**
 * The sharding function not to use, kept for contrast in the report and the benchmark:
 * {@code hash mod N} balances perfectly, but going from N to N+1 shards moves about
 * N/(N+1) of the keys, and almost all of them between shards that did not change.
 */
final class ModuloHashing implements ShardSelector {

	private final NodeSet nodes;

	private final String[] ids;

	private ModuloHashing(NodeSet nodes) {
		this.nodes = nodes;
		this.ids = nodes.ids().toArray(String[]::new);
	}

	static ModuloHashing ofNodes(List<ShardNode> nodes) {
		return new ModuloHashing(new NodeSet(nodes));
	}

	@Override
	public String nodeForHash(long keyHash) {
		if (this.ids.length == 0) {
			throw new IllegalStateException("There are no nodes");
		}
		return this.ids[(int) Long.remainderUnsigned(keyHash, this.ids.length)];
	}

	@Override
	public List<ShardNode> nodes() {
		return this.nodes.list();
	}

	@Override
	public ModuloHashing withNode(ShardNode node) {
		return new ModuloHashing(this.nodes.with(node));
	}

	@Override
	public ModuloHashing withoutNode(String id) {
		return new ModuloHashing(this.nodes.without(id));
	}

}
