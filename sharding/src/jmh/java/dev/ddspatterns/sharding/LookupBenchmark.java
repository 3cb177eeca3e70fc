package dev.ddspatterns.sharding;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one lookup costs, key hashing included: the ring (a binary search whose table
 * grows with the points), rendezvous hashing (one hash per node) and modulo (one
 * division) as the floor. Run with {@code ./mvnw -pl sharding -Pjmh verify}; add
 * {@code -Djmh.args="... -prof gc"} to see that lookups allocate nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LookupBenchmark {

	@Param({ "ring", "ring-1024", "rendezvous", "modulo" })
	public String algorithm;

	@Param({ "4", "10" })
	public int shards;

	private ShardSelector selector;

	private String[] keys;

	private int next;

	@Setup
	public void setUp() {
		List<ShardNode> nodes = IntStream.range(0, this.shards).mapToObj((i) -> ShardNode.of("shard-" + i)).toList();
		this.selector = switch (this.algorithm) {
			case "ring" -> ConsistentHashRing.ofNodes(nodes);
			case "ring-1024" -> ConsistentHashRing.ofNodes(nodes, 1024);
			case "rendezvous" -> RendezvousHashing.ofNodes(nodes);
			case "modulo" -> ModuloHashing.ofNodes(nodes);
			default -> throw new IllegalArgumentException(this.algorithm);
		};
		this.keys = SampleKeys.keys(1 << 16);
	}

	@Benchmark
	public String nodeFor() {
		String key = this.keys[this.next++ & (this.keys.length - 1)];
		return this.selector.nodeFor(key);
	}

}
