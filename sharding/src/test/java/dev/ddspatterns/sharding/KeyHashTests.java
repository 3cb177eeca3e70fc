package dev.ddspatterns.sharding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash is the one thing every process must agree on, so these tests pin what it is:
 * XXH3-64, seed 0, over the UTF-16LE code units of the key.
 */
class KeyHashTests {

	@Test
	void isXxh3OfTheEmptyInputAsTheReferenceImplementationComputesIt() {
		// XXH3_64bits("", 0) from the xxHash reference implementation (xxhsum -H3).
		assertThat(KeyHash.of("")).isEqualTo(0x2D06800538D394C2L);
		assertThat(KeyHash.of(new byte[0])).isEqualTo(0x2D06800538D394C2L);
	}

	@Test
	void hashesTheUtf16LittleEndianBytesOfTheKey() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 10_000; i++) {
			String key = randomString(random);
			assertThat(KeyHash.of(key)).as(key).isEqualTo(KeyHash.of(key.getBytes(StandardCharsets.UTF_16LE)));
		}
	}

	@Test
	void hashesAPairOfLongsAsTheirLittleEndianBytes() {
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 1_000; i++) {
			long first = random.nextLong();
			long second = random.nextLong();
			byte[] bytes = ByteBuffer.allocate(16)
				.order(ByteOrder.LITTLE_ENDIAN)
				.putLong(first)
				.putLong(second)
				.array();
			assertThat(KeyHash.of(first, second)).isEqualTo(KeyHash.of(bytes));
		}
	}

	private static String randomString(SplittableRandom random) {
		StringBuilder key = new StringBuilder();
		int length = random.nextInt(300);
		for (int i = 0; i < length; i++) {
			switch (random.nextInt(3)) {
				case 0 -> key.append((char) random.nextInt(0x20, 0x7F));
				case 1 -> key.append((char) random.nextInt(0xA0, 0xD800));
				default -> key.appendCodePoint(random.nextInt(0x10000, 0x10FFFF));
			}
		}
		return key.toString();
	}

}
