package dev.ddspatterns.sharding;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * The one hash function behind every sharding function here, fixed so that every process,
 * JVM and library version sends a key to the same shard: a router and a resharding job
 * that disagree about a key's owner lose that key.
 *
 * <p>
 * The function is 64-bit XXH3 with seed 0, over the key's UTF-16 code units in
 * little-endian order, that is over the bytes of {@code key.getBytes(UTF_16LE)}. Hashing
 * the chars where they are is what makes a lookup allocate nothing; encoding to UTF-8
 * first would allocate an array per key. A client in another language that must agree
 * hashes the UTF-16LE bytes. The implementation is
 * <a href="https://github.com/dynatrace-oss/hash4j">hash4j</a>, pure Java without
 * {@code sun.misc.Unsafe} (which is why it was chosen over zero-allocation-hashing: that
 * library prints a terminal-deprecation warning on JDK 24 and later).
 * {@code KeyHashTests} pins known values, including the XXH3 reference value of the empty
 * input, so a change of library or algorithm fails the build instead of silently moving
 * every key.
 */
public final class KeyHash {

	private static final Hasher64 XXH3 = Hashing.xxh3_64();

	private KeyHash() {
	}

	/**
	 * @param key the key
	 * @return XXH3-64 of the key's UTF-16LE code units; allocates nothing
	 */
	public static long of(String key) {
		return XXH3.hashCharsToLong(key);
	}

	/**
	 * @param key the key's bytes
	 * @return XXH3-64 of the bytes
	 */
	public static long of(byte[] key) {
		return XXH3.hashBytesToLong(key);
	}

	/**
	 * @return XXH3-64 of the 16 little-endian bytes of {@code first} then {@code second}
	 */
	static long of(long first, long second) {
		return XXH3.hashLongLongToLong(first, second);
	}

}
