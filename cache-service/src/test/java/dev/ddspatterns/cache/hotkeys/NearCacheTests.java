package dev.ddspatterns.cache.hotkeys;

import java.time.Duration;

import dev.ddspatterns.cache.hotkeys.NearCache.Ticket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The near cache's bookkeeping, step by step, without Redis. */
class NearCacheTests {

	private final NearCache<String> cache = new NearCache<>(Duration.ofMinutes(1), 100);

	@Test
	void itServesNothingUntilTheInvalidationChannelIsUp() {
		assertThat(this.cache.offer("k", this.cache.beginRead("k"), "v1")).isFalse();
		assertThat(this.cache.get("k")).isNull();
		this.cache.resume();
		assertThat(this.cache.offer("k", this.cache.beginRead("k"), "v1")).isTrue();
		assertThat(this.cache.get("k")).isEqualTo("v1");
	}

	@Test
	void aReadThatBeganBeforeAnInvalidationCannotPutBackWhatItRead() {
		this.cache.resume();
		Ticket slowRead = this.cache.beginRead("k");
		this.cache.invalidate("k");
		assertThat(this.cache.offer("k", slowRead, "old")).isFalse();
		assertThat(this.cache.get("k")).isNull();
		assertThat(this.cache.offer("k", this.cache.beginRead("k"), "new")).isTrue();
		assertThat(this.cache.get("k")).isEqualTo("new");
	}

	@Test
	void anInvalidationDropsTheValue() {
		this.cache.resume();
		this.cache.offer("k", this.cache.beginRead("k"), "v1");
		this.cache.invalidate("k");
		assertThat(this.cache.get("k")).isNull();
	}

	@Test
	void whileSuspendedItServesNothingAndComesBackEmpty() {
		this.cache.resume();
		this.cache.offer("k", this.cache.beginRead("k"), "v1");
		Ticket readBeforeTheOutage = this.cache.beginRead("other");
		this.cache.suspend();
		assertThat(this.cache.get("k")).isNull();
		assertThat(this.cache.offer("k", this.cache.beginRead("k"), "v2")).isFalse();
		this.cache.resume();
		assertThat(this.cache.get("k")).as("invalidations may have been missed meanwhile").isNull();
		assertThat(this.cache.offer("other", readBeforeTheOutage, "stale")).isFalse();
	}

}
