package dev.ddspatterns.cache.shards;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.CacheProperties.ReadFrom;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * One shard of the cache: a primary that takes every write and replicas that can serve
 * reads.
 *
 * <p>
 * Reads try the servers in the configured order and take the first answer, so when the
 * primary is down its keys are still read from a replica (possibly a little stale: Redis
 * replication is asynchronous). Writes go to the primary only; when it is down they fail
 * with {@link ShardUnavailableException} rather than land on a replica that would
 * disagree with the primary when it returns.
 *
 * <p>
 * Every operation on a key is one Lua script ({@code scripts/}) that first compares the
 * epoch of the caller's shard map with the shard's fence and refuses an older one
 * ({@link StaleEpochException}); the scripts also keep the moved-markers of a migration.
 * {@link ShardRouter} decides which shard to ask and with what; this class only asks.
 */
public final class RedisShard implements AutoCloseable {

	/**
	 * Prefix of every value this service writes, so a server's keys are easy to tell
	 * apart.
	 */
	static final String KEY_PREFIX = "cache:";

	/** Prefix of the moved-markers a migration leaves on a key's new owner. */
	static final String MARKER_PREFIX = "cache-moved:";

	/** The newest shard-map epoch this shard has been told about. */
	static final String FENCE_KEY = "cache-shard:epoch";

	private final CacheProperties.Shard spec;

	private final RedisNodeClient primary;

	private final List<RedisNodeClient> readOrder;

	private final byte[] markerTtl;

	RedisShard(CacheProperties.Shard spec, RedisNodeClient primary, List<RedisNodeClient> replicas, ReadFrom readFrom,
			long markerTtlMillis) {
		this.spec = spec;
		this.primary = primary;
		List<RedisNodeClient> order = new ArrayList<>();
		if (readFrom == ReadFrom.PRIMARY) {
			order.add(primary);
		}
		order.addAll(replicas);
		if (readFrom == ReadFrom.REPLICA_PREFERRED) {
			order.add(primary);
		}
		this.readOrder = List.copyOf(order);
		this.markerTtl = bytes(markerTtlMillis);
	}

	/**
	 * @return the shard's name, the id the ring hashes
	 */
	public String name() {
		return this.spec.name();
	}

	/**
	 * @return the shard as configured
	 */
	CacheProperties.Shard spec() {
		return this.spec;
	}

	/**
	 * Reads a value with its remaining time to live, from the first server that answers.
	 * @param key the caller's key
	 * @param epoch the epoch of the caller's shard map
	 * @param migration the id of the migration moving the key here, 0 if none
	 * @return what the shard holds for the key
	 * @throws StaleEpochException if the shard has been fenced with a newer epoch
	 */
	Lookup lookup(String key, long epoch, long migration) {
		Answer<List<Object>> answer = readWithSource((redis) -> LuaScript.READ.run(redis, ScriptOutputType.MULTI,
				keys(key), bytes(epoch), bytes(migration)));
		return lookup(accepted(answer.result(), epoch), answer.node());
	}

	/**
	 * Like {@link #lookup}, but on the primary only, where writes happen and a Redis
	 * replica's lag cannot hide a value: the migration's read of a value it is about to
	 * move, and a delete's question to the old owner during a move.
	 * @param key the caller's key
	 * @param epoch the epoch of the caller's shard map
	 * @return what the primary holds for the key
	 */
	Lookup lookupOnPrimary(String key, long epoch) {
		List<Object> reply = accepted(
				write((redis) -> LuaScript.READ.run(redis, ScriptOutputType.MULTI, keys(key), bytes(epoch), bytes(0))),
				epoch);
		return lookup(reply, this.primary);
	}

	private static Lookup lookup(List<Object> reply, RedisNodeClient node) {
		return switch (((Long) reply.get(0)).intValue()) {
			case 1 -> new Lookup(Lookup.State.VALUE, (byte[]) reply.get(1), (Long) reply.get(2), node.role());
			case 2 -> new Lookup(Lookup.State.MARKED, null, -2, node.role());
			default -> new Lookup(Lookup.State.ABSENT, null, -2, node.role());
		};
	}

	/**
	 * @param key the caller's key
	 * @param encoded the value as stored
	 * @param ttlMillis how long it lives
	 * @param epoch the epoch of the caller's shard map
	 * @param migration the id of the migration moving the key here, 0 if none
	 */
	void put(String key, byte[] encoded, long ttlMillis, long epoch, long migration) {
		accepted(write((redis) -> LuaScript.WRITE.run(redis, ScriptOutputType.MULTI, keys(key), bytes(epoch), encoded,
				bytes(ttlMillis), bytes(migration), this.markerTtl)), epoch);
	}

	/**
	 * @param key the caller's key
	 * @param epoch the epoch of the caller's shard map
	 * @param migration the id of the migration moving the key here, 0 if none
	 * @return whether a value was removed, and whether the migration had marked the key
	 */
	Deletion delete(String key, long epoch, long migration) {
		List<Object> reply = accepted(write((redis) -> LuaScript.DELETE.run(redis, ScriptOutputType.MULTI, keys(key),
				bytes(epoch), bytes(migration), this.markerTtl)), epoch);
		return new Deletion((Long) reply.get(1) == 1, (Long) reply.get(2) == 1);
	}

	/**
	 * The migration's copy of a value, kept only if the key has neither a value nor this
	 * migration's marker here.
	 * @param key the caller's key
	 * @param encoded the value as the old owner holds it
	 * @param ttlMillis what is left of its time to live, or -1 if it has none
	 * @param epoch the epoch of the driver's shard map
	 * @param migration the migration's id
	 * @return whether the value was copied
	 */
	boolean copy(String key, byte[] encoded, long ttlMillis, long epoch, long migration) {
		List<Object> reply = accepted(write((redis) -> LuaScript.COPY.run(redis, ScriptOutputType.MULTI, keys(key),
				bytes(epoch), encoded, bytes(ttlMillis), bytes(migration))), epoch);
		return (Long) reply.get(1) == 1;
	}

	/**
	 * Raises the shard's fence, so it refuses requests routed by an older map.
	 * @param epoch the epoch of the map about to be published
	 * @return the fence now, higher than {@code epoch} only if an unfinished change
	 * fenced it further
	 */
	long fence(long epoch) {
		return write((redis) -> LuaScript.FENCE.<String, byte[], Long>run(redis, ScriptOutputType.INTEGER,
				new String[] { FENCE_KEY }, bytes(epoch)));
	}

	/**
	 * Deletes the moved-markers a finished migration left, in batches.
	 * @return how many were deleted
	 */
	long clearMarkers() {
		return write((redis) -> {
			long cleared = 0;
			List<String> batch = new ArrayList<>();
			ScanIterator<String> markers = ScanIterator.scan(redis,
					ScanArgs.Builder.matches(MARKER_PREFIX + "*").limit(500));
			while (markers.hasNext()) {
				batch.add(markers.next());
				if (batch.size() == 500 || !markers.hasNext()) {
					cleared += redis.del(batch.toArray(String[]::new));
					batch.clear();
				}
			}
			return cleared;
		});
	}

	/**
	 * @return how many keys the shard holds, read from a server that answers
	 */
	public long keyCount() {
		return readWithSource(RedisCommands::dbsize).result();
	}

	/**
	 * @return each server's role, address and breaker state
	 */
	public List<ShardNodeStatus> nodes() {
		List<ShardNodeStatus> nodes = new ArrayList<>();
		nodes.add(status(this.primary));
		this.readOrder.stream().filter((node) -> node != this.primary).map(RedisShard::status).forEach(nodes::add);
		return nodes;
	}

	/**
	 * The keys of this shard, scanned in batches on the primary, for resharding.
	 * @return every key stored by this service, without the prefix
	 */
	List<String> keys() {
		return write((redis) -> {
			List<String> keys = new ArrayList<>();
			ScanIterator.scan(redis, ScanArgs.Builder.matches(KEY_PREFIX + "*").limit(500))
				.forEachRemaining((key) -> keys.add(key.substring(KEY_PREFIX.length())));
			return keys;
		});
	}

	private static ShardNodeStatus status(RedisNodeClient node) {
		return new ShardNodeStatus(node.role(), node.uri().getHost() + ":" + node.uri().getPort(),
				node.breakerState().name());
	}

	private List<Object> accepted(List<Object> reply, long epoch) {
		if ((Long) reply.get(0) == 0) {
			throw new StaleEpochException(name(), epoch, (Long) reply.get(1));
		}
		return reply;
	}

	private <T> Answer<T> readWithSource(Function<RedisCommands<String, byte[]>, T> commands) {
		RuntimeException last = null;
		for (RedisNodeClient node : this.readOrder) {
			try {
				return new Answer<>(node.call(commands), node);
			}
			catch (RuntimeException ex) {
				last = ex;
			}
		}
		throw new ShardUnavailableException(name(), "No server of shard " + name() + " answered", last);
	}

	private <T> T write(Function<RedisCommands<String, byte[]>, T> commands) {
		try {
			return this.primary.call(commands);
		}
		catch (RuntimeException ex) {
			throw new ShardUnavailableException(name(), "The primary of shard " + name() + " is unavailable", ex);
		}
	}

	private static String[] keys(String key) {
		return new String[] { FENCE_KEY, KEY_PREFIX + key, MARKER_PREFIX + key };
	}

	private static byte[] bytes(long number) {
		return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() {
		this.readOrder.forEach(RedisNodeClient::close);
		if (!this.readOrder.contains(this.primary)) {
			this.primary.close();
		}
	}

	private record Answer<T>(T result, RedisNodeClient node) {
	}

	/**
	 * What a shard holds for a key.
	 *
	 * @param state a value, a migration's marker without a value, or nothing
	 * @param value the value as stored, if any
	 * @param pttl its remaining time to live in milliseconds, -1 if it has none
	 * @param source the role of the server that answered
	 */
	record Lookup(State state, byte[] value, long pttl, String source) {

		enum State {

			VALUE, MARKED, ABSENT

		}

	}

	/**
	 * What a delete did.
	 *
	 * @param removed whether a value was removed
	 * @param marked whether the migration had already marked the key here
	 */
	record Deletion(boolean removed, boolean marked) {
	}

	/**
	 * A server of the shard as the listing shows it.
	 *
	 * @param role {@code primary} or {@code replica-N}
	 * @param address host and port
	 * @param breaker the circuit breaker's state
	 */
	public record ShardNodeStatus(String role, String address, String breaker) {
	}

}
