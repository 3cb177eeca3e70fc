package dev.ddspatterns.cache.web;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ddspatterns.sharding.ConsistentHashRing;
import dev.ddspatterns.sharding.HashTag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key from the URL: accepted exactly when it is 1 to {@code max-key-length} characters
 * of the allowed set, and then it has one shard, which every key with the same hash tag
 * shares; refused otherwise (the controller answers {@code invalid-request}, 400). An
 * accepted key never holds a {@code /}, so a client cannot name a read-through entry
 * ({@code rt:<origin>:/<path>}). The input is the key, UTF-8.
 */
class CacheKeysFuzzTests {

	private static final int MAX_LENGTH = 256;

	private static final ConsistentHashRing ring = ConsistentHashRing.of("shard-0", "shard-1", "shard-2");

	@FuzzTest
	void aKeyIsAcceptedExactlyWhenItIsOfTheAllowedSet(byte[] input) {
		String key = new String(input, StandardCharsets.UTF_8);

		String problem = CacheKeys.problemWith(key, MAX_LENGTH);

		boolean allowed = !key.isEmpty() && key.length() <= MAX_LENGTH
				&& key.chars().allMatch(CacheKeysFuzzTests::isAllowed);
		assertThat(problem == null).as("%s: %s", key, problem).isEqualTo(allowed);
		if (!allowed) {
			return;
		}
		assertThat(key).doesNotContain("/");
		String shardKey = HashTag.select(key);
		assertThat(shardKey).isNotEmpty();
		assertThat(ring.nodeFor(shardKey)).isIn("shard-0", "shard-1", "shard-2");
		if (!shardKey.equals(key)) {
			assertThat(ring.nodeFor(HashTag.select("{" + shardKey + "}:other")))
				.as("keys with the tag %s share a shard", shardKey)
				.isEqualTo(ring.nodeFor(shardKey));
		}
	}

	private static boolean isAllowed(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "._:@+={}-".indexOf(c) >= 0;
	}

}
