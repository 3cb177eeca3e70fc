package dev.ddspatterns.gateway.caching;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;

/**
 * One route's stored answers, bounded in bytes. Caffeine evicts the least useful entries
 * when the bound is reached and drops expired ones to reclaim memory; whether an entry is
 * still fresh is decided against the injected {@link Clock}, so HTTP freshness and the
 * {@code Age} header read the same time and tests can move it.
 */
final class CachedResponses {

	private final Cache<CacheKey, CachedResponse> entries;

	private final Clock clock;

	CachedResponses(long maxBytes, Clock clock) {
		this.clock = clock;
		this.entries = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			.weigher((CacheKey key, CachedResponse response) -> key.weight() + response.weight())
			.expireAfter(Expiry.writing((CacheKey key, CachedResponse response) -> response.lifetime()))
			.build();
	}

	/**
	 * @param key the request's key
	 * @return a fresh stored answer, or {@code null}
	 */
	@Nullable CachedResponse fresh(CacheKey key) {
		CachedResponse response = this.entries.getIfPresent(key);
		if (response == null) {
			return null;
		}
		if (!response.isFresh(this.clock.instant())) {
			this.entries.asMap().remove(key, response);
			return null;
		}
		return response;
	}

	void store(CacheKey key, CachedResponse response) {
		this.entries.put(key, response);
	}

	Clock clock() {
		return this.clock;
	}

}
