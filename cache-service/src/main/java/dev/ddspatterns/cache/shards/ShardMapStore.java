package dev.ddspatterns.cache.shards;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared shard map on its Redis server: one hash ({@code cache-map}: epoch and map)
 * replaced only by compare-and-set on the epoch ({@code scripts/publish-map.lua}), a
 * channel on which every change is announced, the lease of the replica driving a
 * migration, a note per replica of the newest epoch it routes by, and the channel on
 * which writes are announced to the replicas' near caches.
 *
 * <p>
 * If this server is down, replicas keep routing by the map they have and no change can be
 * made; a replica that starts meanwhile is not ready until it has read the map.
 */
final class ShardMapStore implements AutoCloseable {

	static final String MAP_KEY = "cache-map";

	static final String CHANNEL = "cache-map:changed";

	static final String DRIVER_KEY = "cache-map:driver";

	static final String SEEN_PREFIX = "cache-map:seen:";

	static final String INVALIDATIONS = "cache-map:invalidations";

	private final RedisClient client;

	private final RedisURI uri;

	private final JsonMapper json = JsonMapper.builder().build();

	private volatile StatefulRedisConnection<String, String> connection;

	private volatile StatefulRedisPubSubConnection<String, String> subscription;

	ShardMapStore(URI uri, Duration commandTimeout, ClientResources resources) {
		this.uri = RedisURI.create(uri);
		this.uri.setTimeout(commandTimeout);
		this.client = RedisClient.create(resources);
		this.client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
	}

	/**
	 * @return the stored map, empty if none has been stored yet
	 */
	Optional<ShardMap> read() {
		String stored = redis().hget(MAP_KEY, "map");
		return Optional.ofNullable(stored).map((map) -> this.json.readValue(map, ShardMap.class));
	}

	/**
	 * Replaces the map if its epoch is still {@code expectedEpoch}, and announces it.
	 * @param expectedEpoch the epoch read before, 0 to store a first map
	 * @param next the new map
	 * @return whether it was stored
	 */
	boolean publish(long expectedEpoch, ShardMap next) {
		Long stored = LuaScript.PUBLISH_MAP.run(redis(), ScriptOutputType.INTEGER, new String[] { MAP_KEY },
				Long.toString(expectedEpoch), Long.toString(next.epoch()), this.json.writeValueAsString(next), CHANNEL);
		return stored == next.epoch();
	}

	/**
	 * @param holder the replica's id
	 * @param ttl how long the lease lives unless renewed
	 * @return whether the replica now holds the driver's lease
	 */
	boolean acquireLease(String holder, Duration ttl) {
		return "OK".equals(redis().set(DRIVER_KEY, holder, SetArgs.Builder.nx().px(ttl.toMillis())));
	}

	/**
	 * @param holder the replica's id
	 * @param ttl how long the lease lives from now
	 * @return whether the replica still held the lease and renewed it
	 */
	boolean renewLease(String holder, Duration ttl) {
		return lease(holder, Long.toString(ttl.toMillis()));
	}

	/**
	 * @param holder the replica's id
	 */
	void releaseLease(String holder) {
		lease(holder, "0");
	}

	private boolean lease(String holder, String ttlMillis) {
		Long held = LuaScript.LEASE.run(redis(), ScriptOutputType.INTEGER, new String[] { DRIVER_KEY }, holder,
				ttlMillis);
		return held == 1;
	}

	/**
	 * @return the holder of the driver's lease, if anyone holds it
	 */
	Optional<String> leaseHolder() {
		return Optional.ofNullable(redis().get(DRIVER_KEY));
	}

	/**
	 * @return whether any replica holds the driver's lease
	 */
	boolean leaseHeld() {
		return redis().exists(DRIVER_KEY) == 1;
	}

	/**
	 * Notes which epoch a replica routes by, for the shard listing.
	 * @param replica the replica's id
	 * @param epoch the epoch
	 * @param ttl how long the note lasts unless written again
	 */
	void markSeen(String replica, long epoch, Duration ttl) {
		redis().psetex(SEEN_PREFIX + replica, ttl.toMillis(), Long.toString(epoch));
	}

	/**
	 * @return the epoch each replica noted recently, by replica id
	 */
	Map<String, Long> seenBy() {
		RedisCommands<String, String> redis = redis();
		List<String> keys = new ArrayList<>();
		ScanIterator.scan(redis, ScanArgs.Builder.matches(SEEN_PREFIX + "*").limit(100)).forEachRemaining(keys::add);
		keys.sort(null);
		Map<String, Long> seen = new LinkedHashMap<>();
		if (!keys.isEmpty()) {
			for (KeyValue<String, String> note : redis.mget(keys.toArray(String[]::new))) {
				note.ifHasValue(
						(epoch) -> seen.put(note.getKey().substring(SEEN_PREFIX.length()), Long.valueOf(epoch)));
			}
		}
		return seen;
	}

	/**
	 * Announces a write, so every replica drops the key from its near cache.
	 * @param key the key written
	 */
	void publishInvalidation(String key) {
		redis().publish(INVALIDATIONS, key);
	}

	/**
	 * Subscribes to the announcements of new maps and of writes. A map announcement is
	 * only a shortcut: a replica that misses one finds the map at its next poll. A missed
	 * write announcement would leave a stale value in a near cache, so {@code listener}
	 * hears when the subscription is lost and when it is back (Lettuce subscribes again
	 * after a reconnect).
	 * @param onMapChange what to do when a map is published; it runs on a Redis client
	 * thread, so it should only hand work over
	 * @param listener who hears of writes, and of the subscription's state
	 */
	synchronized void subscribe(Runnable onMapChange, InvalidationListener listener) {
		if (this.subscription != null) {
			return;
		}
		StatefulRedisPubSubConnection<String, String> pubSub = this.client.connectPubSub(this.uri);
		pubSub.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				if (channel.equals(INVALIDATIONS)) {
					listener.invalidated(message);
				}
				else {
					onMapChange.run();
				}
			}

			@Override
			public void subscribed(String channel, long count) {
				if (channel.equals(INVALIDATIONS)) {
					listener.listening();
				}
			}

		});
		this.client.addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				if (connection == pubSub) {
					listener.deaf();
				}
			}

		});
		pubSub.sync().subscribe(CHANNEL, INVALIDATIONS);
		this.subscription = pubSub;
	}

	/** Hears of writes announced by any replica. */
	interface InvalidationListener {

		/**
		 * @param key a key written
		 */
		void invalidated(String key);

		/** The subscription is up: from now on every announcement arrives. */
		void listening();

		/** The subscription is lost: announcements may be missed until it is back. */
		void deaf();

	}

	private RedisCommands<String, String> redis() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null) {
			synchronized (this) {
				current = this.connection;
				if (current == null) {
					current = this.client.connect(this.uri);
					this.connection = current;
				}
			}
		}
		return current.sync();
	}

	@Override
	public synchronized void close() {
		if (this.subscription != null) {
			this.subscription.close();
		}
		if (this.connection != null) {
			this.connection.close();
		}
		this.client.shutdown();
	}

}
