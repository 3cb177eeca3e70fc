package dev.ddspatterns.sharding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The nodes of a sharding function, sorted by id, so that the answer never depends on the
 * order in which a configuration happens to list them.
 *
 * @param list the nodes, unique by id
 */
record NodeSet(List<ShardNode> list) {

	NodeSet {
		List<ShardNode> sorted = new ArrayList<>(list);
		sorted.sort(Comparator.comparing(ShardNode::id));
		for (int i = 1; i < sorted.size(); i++) {
			if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
				throw new IllegalArgumentException("Node '" + sorted.get(i).id() + "' is listed twice");
			}
		}
		list = List.copyOf(sorted);
	}

	static NodeSet ofIds(Collection<String> ids) {
		return new NodeSet(ids.stream().map(ShardNode::of).toList());
	}

	NodeSet with(ShardNode node) {
		List<ShardNode> nodes = new ArrayList<>(this.list);
		nodes.removeIf((existing) -> existing.id().equals(node.id()));
		nodes.add(node);
		return new NodeSet(nodes);
	}

	NodeSet without(String id) {
		List<ShardNode> nodes = new ArrayList<>(this.list);
		if (!nodes.removeIf((existing) -> existing.id().equals(id))) {
			throw new IllegalArgumentException("No node '" + id + "' among " + ids());
		}
		return new NodeSet(nodes);
	}

	List<String> ids() {
		return this.list.stream().map(ShardNode::id).toList();
	}

	boolean sameWeights() {
		return this.list.stream().mapToInt(ShardNode::weight).distinct().count() <= 1;
	}

}
