package dev.ddspatterns.sharding;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consistent-hash ring with virtual nodes: adding or removing a shard moves only the
 * keys that shard gains or loses, about 1/N of them, where {@code hash % N} would move
 * almost all of them.
 *
 * <p>
 * Each node puts {@code weight × virtualNodesPerWeight} points on a circle of
 * 2<sup>64</sup> positions; point {@code i} of node {@code a} sits at
 * {@code KeyHash.of("a#" + i)}. A key is owned by the node of the first point at or after
 * the key's {@link KeyHash}, clockwise, wrapping around past the largest point. (If two
 * nodes ever drew the same position, the smaller id keeps it.) Three nodes with three
 * points each:
 *
 * <pre>
 *                a#0     c#1
 *            .----*-------*----.
 *       b#1 *                   * b#0
 *          |    clockwise -->    |  &lt;-- key k hashes here, between b#0 and a#2:
 *       c#2 *                   * a#2       the next point is a#2, so a owns k
 *            '----*-------*----'
 *               b#2      c#0
 * </pre>
 *
 * <p>
 * Adding node d adds d's points; each takes over the arc in front of it, from whichever
 * node owned it, and nothing else changes. Removing d hands each of its arcs to the next
 * point clockwise.
 *
 * <p>
 * Why so many virtual nodes: a node's share of the circle is the sum of the arcs in front
 * of its points, and its spread shrinks only as 1/&radic;V. Over 1,000,000 keys and 3 to
 * 10 nodes, the fullest node held 1.23&times; the mean with 64 points per node,
 * 1.07&times; with 1024 and 1.035&times; with 4096. Balance also depends on the node
 * names, which place the points: over 100 random sets of names, 4096 points let one set
 * reach 1.047 (too close to 1.05 once keys are sampled), while the default
 * {@value #DEFAULT_VIRTUAL_NODES} stayed at or below 1.040, and at or below 1.028 for six
 * common naming styles. {@code docs/benchmarks.md} has the tables. At 10 nodes that is
 * 81,920 points, about 1 MB, rebuilt in 30-100 ms when the topology changes.
 *
 * <p>
 * Lookup is a binary search over a sorted {@code long[]}, O(log(N&middot;V)), and
 * allocates nothing. With this many points the search misses the CPU cache: about 105 ns
 * at 10 nodes on the build machine, where {@link RendezvousHashing} took 30 ns and is
 * within sampling noise of perfect balance. The ring's advantage is that its lookup grows
 * with log N rather than N, which should matter from many tens of nodes on (not
 * measured). The ring is immutable: {@link #withNode} and {@link #withoutNode} build a
 * new one, so readers never lock. Changing a node's weight keeps its first points where
 * they were, so only the keys of the points gained or lost move.
 */
public final class ConsistentHashRing implements ShardSelector {

	/**
	 * Points per unit of weight: the smallest power of two that kept every node within 5%
	 * of the mean for every set of node names tried (see the class comment).
	 */
	public static final int DEFAULT_VIRTUAL_NODES = 8192;

	private static final int MAX_POINTS = 1 << 24;

	private final NodeSet nodes;

	private final int virtualNodesPerWeight;

	private final long[] points;

	private final String[] owners;

	private ConsistentHashRing(NodeSet nodes, int virtualNodesPerWeight) {
		if (virtualNodesPerWeight < 1) {
			throw new IllegalArgumentException("Need at least 1 virtual node per weight, not " + virtualNodesPerWeight);
		}
		long total = nodes.list().stream().mapToLong((node) -> (long) node.weight() * virtualNodesPerWeight).sum();
		if (total > MAX_POINTS) {
			throw new IllegalArgumentException(
					"A ring of " + total + " points is too big; lower the weights or the virtual nodes");
		}
		this.nodes = nodes;
		this.virtualNodesPerWeight = virtualNodesPerWeight;
		Point[] sorted = points(nodes, virtualNodesPerWeight, (int) total);
		long[] positions = new long[sorted.length];
		String[] ids = new String[sorted.length];
		int distinct = 0;
		for (Point point : sorted) {
			if (distinct == 0 || positions[distinct - 1] != point.position()) {
				positions[distinct] = point.position();
				ids[distinct] = point.owner();
				distinct++;
			}
		}
		this.points = Arrays.copyOf(positions, distinct);
		this.owners = Arrays.copyOf(ids, distinct);
	}

	/**
	 * @param nodeIds the nodes, each of weight 1
	 * @return a ring with {@value #DEFAULT_VIRTUAL_NODES} points per node
	 */
	public static ConsistentHashRing of(Collection<String> nodeIds) {
		return new ConsistentHashRing(NodeSet.ofIds(nodeIds), DEFAULT_VIRTUAL_NODES);
	}

	/**
	 * @param nodeIds the nodes, each of weight 1
	 * @return a ring with {@value #DEFAULT_VIRTUAL_NODES} points per node
	 */
	public static ConsistentHashRing of(String... nodeIds) {
		return of(List.of(nodeIds));
	}

	/**
	 * @param nodes the nodes with their weights
	 * @return a ring with {@value #DEFAULT_VIRTUAL_NODES} points per unit of weight
	 */
	public static ConsistentHashRing ofNodes(Collection<ShardNode> nodes) {
		return ofNodes(nodes, DEFAULT_VIRTUAL_NODES);
	}

	/**
	 * @param nodes the nodes with their weights
	 * @param virtualNodesPerWeight points per unit of weight; fewer points build faster
	 * and balance worse
	 * @return a ring
	 */
	public static ConsistentHashRing ofNodes(Collection<ShardNode> nodes, int virtualNodesPerWeight) {
		return new ConsistentHashRing(new NodeSet(List.copyOf(nodes)), virtualNodesPerWeight);
	}

	@Override
	public String nodeForHash(long keyHash) {
		if (this.points.length == 0) {
			throw new IllegalStateException("The ring has no nodes");
		}
		int index = Arrays.binarySearch(this.points, keyHash);
		if (index < 0) {
			index = -index - 1;
			if (index == this.points.length) {
				index = 0;
			}
		}
		return this.owners[index];
	}

	@Override
	public List<ShardNode> nodes() {
		return this.nodes.list();
	}

	/**
	 * @return points per unit of weight
	 */
	public int virtualNodesPerWeight() {
		return this.virtualNodesPerWeight;
	}

	/**
	 * @return how many points the nodes put on the ring
	 */
	int pointCount() {
		return this.points.length;
	}

	/**
	 * @return each node's exact share of the circle, the fraction of all possible key
	 * hashes it owns; the balance a ring promises before any key is sampled
	 */
	Map<String, Double> shareOfCircle() {
		Map<String, Double> shares = new TreeMap<>();
		this.nodes.list().forEach((node) -> shares.put(node.id(), 0.0));
		for (int i = 0; i < this.points.length; i++) {
			long arc = this.points[i] - this.points[((i == 0) ? this.points.length : i) - 1];
			double unsignedArc = (this.points.length == 1) ? 0x1p64 : ((arc >= 0) ? arc : arc + 0x1p64);
			shares.merge(this.owners[i], unsignedArc / 0x1p64, Double::sum);
		}
		return shares;
	}

	@Override
	public ConsistentHashRing withNode(ShardNode node) {
		return new ConsistentHashRing(this.nodes.with(node), this.virtualNodesPerWeight);
	}

	@Override
	public ConsistentHashRing withNode(String id) {
		return withNode(ShardNode.of(id));
	}

	@Override
	public ConsistentHashRing withoutNode(String id) {
		return new ConsistentHashRing(this.nodes.without(id), this.virtualNodesPerWeight);
	}

	@Override
	public String toString() {
		return "ConsistentHashRing" + this.nodes.list() + " with " + this.points.length + " points";
	}

	private static Point[] points(NodeSet nodes, int virtualNodesPerWeight, int total) {
		Point[] points = new Point[total];
		int next = 0;
		for (ShardNode node : nodes.list()) {
			for (int i = 0; i < node.weight() * virtualNodesPerWeight; i++) {
				points[next++] = new Point(KeyHash.of(node.id() + "#" + i), node.id());
			}
		}
		Arrays.sort(points, Comparator.comparingLong(Point::position).thenComparing(Point::owner));
		return points;
	}

	private record Point(long position, String owner) {
	}

}
