package dev.ddspatterns.cache.hotkeys;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * The near cache of hot values in this replica's memory, kept coherent with writes
 * through any replica: each write announces its key on an invalidation channel, and every
 * replica drops its copy when the announcement arrives.
 *
 * <p>
 * A read that found nothing here asks Redis and may then {@link #offer} what it read; the
 * value is kept only if no invalidation of its key came in since the read began
 * ({@link #beginRead}), so a slow read cannot put back a value a write has replaced
 * meanwhile. Invalidations are counted per stripe of keys (a collision only costs a
 * skipped insert).
 *
 * <p>
 * While the channel is down, announcements can be missed: the cache is then
 * {@link #suspend() suspended} (serves and keeps nothing) and starts empty when the
 * channel is back. So a value is served stale for at most the delivery time of one
 * announcement, and never longer than the cache's time to live even if the writer could
 * not announce.
 *
 * @param <V> the values
 */
public final class NearCache<V> {

	private static final int STRIPES = 1024;

	private final Cache<String, V> values;

	private final AtomicLongArray invalidations = new AtomicLongArray(STRIPES);

	private volatile boolean active;

	private volatile long era;

	/**
	 * @param ttl how long a value is served without asking Redis, at most
	 * @param size the most values kept
	 */
	public NearCache(Duration ttl, int size) {
		this.values = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(size).build();
	}

	/**
	 * @param key a key
	 * @return its value, if this cache holds it and is active
	 */
	public @Nullable V get(String key) {
		return this.active ? this.values.getIfPresent(key) : null;
	}

	/**
	 * @param key the key about to be read from Redis
	 * @return the ticket {@link #offer} needs to keep what the read returns
	 */
	public Ticket beginRead(String key) {
		return new Ticket(this.era, this.invalidations.get(stripe(key)));
	}

	/**
	 * Keeps a value read from Redis, unless the key was invalidated (or the cache
	 * suspended) since the read began.
	 * @param key the key
	 * @param ticket what {@link #beginRead} returned before the read
	 * @param value the value read
	 * @return whether it was kept
	 */
	public boolean offer(String key, Ticket ticket, V value) {
		if (!this.active || !ticket.equals(beginRead(key))) {
			return false;
		}
		this.values.put(key, value);
		// An invalidation that came in between the check and the put removes it again.
		if (!ticket.equals(beginRead(key))) {
			this.values.invalidate(key);
			return false;
		}
		return true;
	}

	/**
	 * Drops a key's value, and keeps reads in flight from putting back what they read.
	 * @param key the key written
	 */
	public void invalidate(String key) {
		this.invalidations.incrementAndGet(stripe(key));
		this.values.invalidate(key);
	}

	/** Serves and keeps nothing until {@link #resume()}: invalidations may be missed. */
	public synchronized void suspend() {
		this.active = false;
		this.era++;
		this.values.invalidateAll();
	}

	/** Starts again, empty: every invalidation from now on arrives. */
	public synchronized void resume() {
		this.era++;
		this.values.invalidateAll();
		this.active = true;
	}

	/**
	 * @return whether the cache serves values
	 */
	public boolean isActive() {
		return this.active;
	}

	private static int stripe(String key) {
		return Math.floorMod(key.hashCode(), STRIPES);
	}

	/**
	 * What a read saw of the invalidations before it asked Redis.
	 *
	 * @param era how often the cache was suspended or resumed
	 * @param invalidations invalidations of the key's stripe
	 */
	public record Ticket(long era, long invalidations) {
	}

}
