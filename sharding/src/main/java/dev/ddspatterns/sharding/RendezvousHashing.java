package dev.ddspatterns.sharding;

import java.util.Collection;
import java.util.List;

/**
 * Rendezvous (highest random weight) hashing: every node scores the key and the best
 * score wins, which balances as evenly as the hash itself and moves exactly the keys that
 * must move, with no table to build, at the price of scoring all N nodes on every lookup.
 *
 * <p>
 * The score of node {@code a} for a key is {@code s = XXH3(keyHash, KeyHash.of(a))} (the
 * 16 little-endian bytes of both hashes). With equal weights the highest {@code s}, read
 * as unsigned, wins. With different weights the node with the smallest
 * {@code -ln(u) / weight} wins, where {@code u = ((s >>> 11) + 0.5) / 2^53} is the score
 * as a number in (0, 1): the "logarithmic method" of Schindelhauer and Schomaker, which
 * gives every node exactly its weight's share and moves only the keys a weight change
 * must move. It uses {@link StrictMath#log} because {@link Math#log} may differ by an ulp
 * between JVMs, and a sharding function must not. Ties go to the smaller id.
 *
 * <p>
 * Trade-offs against the alternatives:
 * <ul>
 * <li>{@link ConsistentHashRing}: O(log(N&middot;V)) lookups whatever N is, but its
 * balance is only as good as its number of virtual nodes (about 1 MB of points for 10
 * nodes to stay within 5%). Rendezvous needs no memory and is within sampling noise of
 * perfect, but a lookup costs N hashes. Each is a 16-byte XXH3 of about 1.6 ns, so at 10
 * nodes a lookup took 30 ns against the ring's 105 ns, whose binary search misses the
 * cache ({@code docs/benchmarks.md}); by that rate the ring should pull ahead only at
 * many tens of nodes (not measured).</li>
 * <li>Maglev hashing (not implemented here): O(1) lookups in a prime-sized table and
 * near-perfect balance, but a node change also moves a few keys between nodes that
 * stayed, which {@code keysMoveOnlyToTheNewShard()} would reject.</li>
 * <li>Jump consistent hash: no memory and O(ln N), but nodes are numbered buckets 0..N-1,
 * so only the last one can be removed; losing shard 2 of 5 means renumbering, and
 * renumbering moves keys between survivors.</li>
 * </ul>
 */
public final class RendezvousHashing implements ShardSelector {

	private final NodeSet nodes;

	private final String[] ids;

	private final long[] seeds;

	private final double[] weights;

	private final boolean sameWeights;

	private RendezvousHashing(NodeSet nodes) {
		this.nodes = nodes;
		List<ShardNode> list = nodes.list();
		this.ids = list.stream().map(ShardNode::id).toArray(String[]::new);
		this.seeds = list.stream().mapToLong((node) -> KeyHash.of(node.id())).toArray();
		this.weights = list.stream().mapToDouble(ShardNode::weight).toArray();
		this.sameWeights = nodes.sameWeights();
	}

	/**
	 * @param nodeIds the nodes, each of weight 1
	 * @return a selector over these nodes
	 */
	public static RendezvousHashing of(Collection<String> nodeIds) {
		return new RendezvousHashing(NodeSet.ofIds(nodeIds));
	}

	/**
	 * @param nodeIds the nodes, each of weight 1
	 * @return a selector over these nodes
	 */
	public static RendezvousHashing of(String... nodeIds) {
		return of(List.of(nodeIds));
	}

	/**
	 * @param nodes the nodes with their weights
	 * @return a selector over these nodes
	 */
	public static RendezvousHashing ofNodes(Collection<ShardNode> nodes) {
		return new RendezvousHashing(new NodeSet(List.copyOf(nodes)));
	}

	@Override
	public String nodeForHash(long keyHash) {
		if (this.ids.length == 0) {
			throw new IllegalStateException("There are no nodes");
		}
		return this.ids[this.sameWeights ? highestScore(keyHash) : lowestWeightedDraw(keyHash)];
	}

	private int highestScore(long keyHash) {
		int best = 0;
		long bestScore = KeyHash.of(keyHash, this.seeds[0]);
		for (int i = 1; i < this.seeds.length; i++) {
			long score = KeyHash.of(keyHash, this.seeds[i]);
			if (Long.compareUnsigned(score, bestScore) > 0) {
				best = i;
				bestScore = score;
			}
		}
		return best;
	}

	private int lowestWeightedDraw(long keyHash) {
		int best = 0;
		double bestDraw = Double.POSITIVE_INFINITY;
		for (int i = 0; i < this.seeds.length; i++) {
			double unit = ((KeyHash.of(keyHash, this.seeds[i]) >>> 11) + 0.5) * 0x1.0p-53;
			double draw = -StrictMath.log(unit) / this.weights[i];
			if (draw < bestDraw) {
				best = i;
				bestDraw = draw;
			}
		}
		return best;
	}

	@Override
	public List<ShardNode> nodes() {
		return this.nodes.list();
	}

	@Override
	public RendezvousHashing withNode(ShardNode node) {
		return new RendezvousHashing(this.nodes.with(node));
	}

	@Override
	public RendezvousHashing withNode(String id) {
		return withNode(ShardNode.of(id));
	}

	@Override
	public RendezvousHashing withoutNode(String id) {
		return new RendezvousHashing(this.nodes.without(id));
	}

	@Override
	public String toString() {
		return "RendezvousHashing" + this.nodes.list();
	}

}
