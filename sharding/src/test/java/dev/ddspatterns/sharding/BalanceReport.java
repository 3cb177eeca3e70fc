package dev.ddspatterns.sharding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Prints, as markdown tables, how evenly each sharding function spreads a million seeded
 * keys and how many of them move when a fourth shard joins three. Run it with
 * {@code ./mvnw -pl sharding -Pbalance-report verify}; {@code docs/benchmarks.md} holds
 * the output.
 */
final class BalanceReport {

	private static final long[] KEYS = SampleKeys.hashes();

	private static final String[] NAMING_STYLES = { "shard-%d", "node-%d", "cache-%d", "redis-%d", "10.0.0.%d:6379",
			"leaf%d" };

	private static final int RANDOM_NAME_SETS = 100;

	private BalanceReport() {
	}

	public static void main(String[] args) {
		System.out.printf("%,d keys; balance = keys on the fullest shard / mean, worst of N = 3..10 shards "
				+ "named shard-0..shard-(N-1)%n%n", KEYS.length);
		System.out.println("| sharding function | points per node | balance (worst N) | moved 3 → 4 "
				+ "| moved between old shards 3 → 4 | ring points at 10 nodes |");
		System.out.println("|---|---:|---:|---:|---:|---:|");
		for (int virtualNodes : new int[] { 16, 64, 256, 1024, 4096, ConsistentHashRing.DEFAULT_VIRTUAL_NODES }) {
			String label = "consistent-hash ring"
					+ ((virtualNodes == ConsistentHashRing.DEFAULT_VIRTUAL_NODES) ? " (default)" : "");
			row(label, String.valueOf(virtualNodes), (nodes) -> ConsistentHashRing.ofNodes(nodes, virtualNodes),
					String.format(Locale.ROOT, "%,d", 10 * virtualNodes));
		}
		row("rendezvous hashing", "–", RendezvousHashing::ofNodes, "–");
		row("modulo (hash mod N)", "–", ModuloHashing::ofNodes, "–");
		System.out.printf("%nDefault ring (%d points per node), balance over the same keys for other node names:%n%n",
				ConsistentHashRing.DEFAULT_VIRTUAL_NODES);
		System.out.println("| node names | balance (worst N = 3..10) |");
		System.out.println("|---|---:|");
		for (String style : NAMING_STYLES) {
			System.out.printf(Locale.ROOT, "| `%s` | %.4f |%n", style,
					worstBalance(ConsistentHashRing::ofNodes, style));
		}
		circleSharesOverRandomNames();
	}

	/**
	 * Balance depends on the node names (they place the points), so the defaults are
	 * judged over many random name sets, by each node's exact share of the circle.
	 */
	private static void circleSharesOverRandomNames() {
		System.out.printf("%nExact share of the circle (no key sampling), fullest node / mean, worst of N = 3..10, "
				+ "over %d random sets of node names:%n%n", RANDOM_NAME_SETS);
		System.out.println("| points per node | median set | 90th percentile | worst set " + "| sets over 1.045 |");
		System.out.println("|---:|---:|---:|---:|---:|");
		for (int virtualNodes : new int[] { 1024, 4096, ConsistentHashRing.DEFAULT_VIRTUAL_NODES }) {
			SplittableRandom random = new SplittableRandom(1);
			double[] worst = new double[RANDOM_NAME_SETS];
			for (int set = 0; set < RANDOM_NAME_SETS; set++) {
				List<ShardNode> nodes = new ArrayList<>();
				for (int shards = 1; shards <= 10; shards++) {
					nodes.add(ShardNode.of("n-" + Long.toHexString(random.nextLong())));
					if (shards >= 3) {
						Map<String, Double> shares = ConsistentHashRing.ofNodes(nodes, virtualNodes).shareOfCircle();
						double fullest = shares.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
						worst[set] = Math.max(worst[set], fullest * shards);
					}
				}
			}
			Arrays.sort(worst);
			System.out.printf(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %d |%n", virtualNodes,
					worst[RANDOM_NAME_SETS / 2], worst[RANDOM_NAME_SETS * 9 / 10], worst[RANDOM_NAME_SETS - 1],
					Arrays.stream(worst).filter((value) -> value > 1.045).count());
		}
	}

	private static void row(String label, String points, Function<List<ShardNode>, ShardSelector> factory,
			String size) {
		ShardSelector three = factory.apply(nodes("shard-%d", 3));
		ShardSelector four = three.withNode("shard-3");
		long moved = 0;
		long movedBetweenOld = 0;
		for (long key : KEYS) {
			String after = four.nodeForHash(key);
			if (!after.equals(three.nodeForHash(key))) {
				moved++;
				movedBetweenOld += after.equals("shard-3") ? 0 : 1;
			}
		}
		System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.1f%% | %.1f%% | %s |%n", label, points,
				worstBalance(factory, "shard-%d"), 100.0 * moved / KEYS.length, 100.0 * movedBetweenOld / KEYS.length,
				size);
	}

	private static double worstBalance(Function<List<ShardNode>, ShardSelector> factory, String style) {
		double worst = 0;
		for (int shards = 3; shards <= 10; shards++) {
			ShardSelector selector = factory.apply(nodes(style, shards));
			Map<String, long[]> counts = new HashMap<>();
			selector.nodes().forEach((node) -> counts.put(node.id(), new long[1]));
			for (long key : KEYS) {
				counts.get(selector.nodeForHash(key))[0]++;
			}
			long fullest = counts.values().stream().mapToLong((count) -> count[0]).max().orElseThrow();
			worst = Math.max(worst, fullest / ((double) KEYS.length / shards));
		}
		return worst;
	}

	private static List<ShardNode> nodes(String style, int count) {
		return new ArrayList<>(
				IntStream.range(0, count).mapToObj((i) -> ShardNode.of(String.format(style, i))).toList());
	}

}
