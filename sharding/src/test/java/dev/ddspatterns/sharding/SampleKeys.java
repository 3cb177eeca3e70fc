package dev.ddspatterns.sharding;

import java.util.SplittableRandom;

/**
 * A million keys from a seeded generator, hashed once and shared by the property tests
 * and the balance report, so every run sees the same keys.
 */
final class SampleKeys {

	static final int COUNT = 1_000_000;

	private static final long SEED = 20_170_101L;

	private SampleKeys() {
	}

	/**
	 * @return the {@link KeyHash} of each sample key
	 */
	static long[] hashes() {
		return Hashes.VALUES;
	}

	/**
	 * @param count how many keys
	 * @return keys that look like the ones a cache sees, e.g. {@code user:5f3a9c…}
	 */
	static String[] keys(int count) {
		SplittableRandom random = new SplittableRandom(SEED);
		String[] keys = new String[count];
		for (int i = 0; i < count; i++) {
			keys[i] = "user:" + Long.toHexString(random.nextLong());
		}
		return keys;
	}

	private static final class Hashes {

		static final long[] VALUES = hash(keys(COUNT));

		private static long[] hash(String[] keys) {
			long[] hashes = new long[keys.length];
			for (int i = 0; i < keys.length; i++) {
				hashes[i] = KeyHash.of(keys[i]);
			}
			return hashes;
		}

	}

}
