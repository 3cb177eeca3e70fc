package dev.ddspatterns.sharding;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The part of a lookup every sharding function shares: hashing the key, with and without
 * picking out a hash tag first (which allocates the tag's substring).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyHashBenchmark {

	private String[] keys;

	private String[] taggedKeys;

	private int next;

	@Setup
	public void setUp() {
		this.keys = SampleKeys.keys(1 << 16);
		this.taggedKeys = new String[this.keys.length];
		for (int i = 0; i < this.keys.length; i++) {
			this.taggedKeys[i] = "{" + this.keys[i] + "}:cart";
		}
	}

	@Benchmark
	public long hashKey() {
		return KeyHash.of(this.keys[this.next++ & (this.keys.length - 1)]);
	}

	@Benchmark
	public long hashTaggedKey() {
		return KeyHash.of(HashTag.select(this.taggedKeys[this.next++ & (this.taggedKeys.length - 1)]));
	}

}
