package dev.ddspatterns.sharding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of the Redis Cluster specification, "Hash tags". */
class HashTagTests {

	@Test
	void onlyTheTagIsHashed() {
		assertThat(HashTag.select("{user1000}.following")).isEqualTo("user1000");
		assertThat(HashTag.select("{user1000}.followers")).isEqualTo("user1000");
		assertThat(HashTag.select("session:{user42}:cart")).isEqualTo("user42");
	}

	@Test
	void theFirstTagWins() {
		assertThat(HashTag.select("foo{bar}{zap}")).isEqualTo("bar");
		assertThat(HashTag.select("foo{{bar}}zap")).isEqualTo("{bar");
	}

	@Test
	void withoutANonEmptyTagTheWholeKeyIsHashed() {
		assertThat(HashTag.select("user42:cart")).isEqualTo("user42:cart");
		assertThat(HashTag.select("foo{}{bar}")).isEqualTo("foo{}{bar}");
		assertThat(HashTag.select("{}")).isEqualTo("{}");
		assertThat(HashTag.select("open{without-close")).isEqualTo("open{without-close");
		assertThat(HashTag.select("close}before{open")).isEqualTo("close}before{open");
		assertThat(HashTag.select("")).isEmpty();
	}

	@Test
	void anUntaggedKeyIsReturnedAsItIs() {
		String key = "user42:cart";
		assertThat(HashTag.select(key)).isSameAs(key);
	}

}
