package dev.ddspatterns.cache.shards;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.ddspatterns.cache.CacheProperties.ReadFrom;
import dev.ddspatterns.cache.StoredValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.SetArgs;
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
 */
public final class RedisShard implements AutoCloseable {

	/**
	 * Prefix of every key this service writes, so a server's keys are easy to tell apart.
	 */
	static final String KEY_PREFIX = "cache:";

	private final String name;

	private final RedisNodeClient primary;

	private final List<RedisNodeClient> readOrder;

	RedisShard(String name, RedisNodeClient primary, List<RedisNodeClient> replicas, ReadFrom readFrom) {
		this.name = name;
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
	}

	/**
	 * @return the shard's name, the id the ring hashes
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @param key the caller's key
	 * @return the value and its remaining time to live, if present
	 */
	public Optional<StoredValue.Read> get(String key) {
		Answer<byte[]> value = readWithSource((redis) -> redis.get(KEY_PREFIX + key));
		if (value.result() == null) {
			return Optional.empty();
		}
		return Optional.of(new StoredValue.Read(StoredValue.decode(value.result()), remainingTtl(value.node(), key),
				value.node().role()));
	}

	private static Duration remainingTtl(RedisNodeClient node, String key) {
		try {
			long millis = node.call((redis) -> redis.pttl(KEY_PREFIX + key));
			return (millis >= 0) ? Duration.ofMillis(millis) : null;
		}
		catch (RuntimeException ex) {
			// The value was read; a server that fails right after only costs the TTL
			// header.
			return null;
		}
	}

	/**
	 * @param key the caller's key
	 * @param value the value
	 * @param ttl how long it lives
	 */
	public void put(String key, StoredValue value, Duration ttl) {
		write((redis) -> redis.set(KEY_PREFIX + key, value.encode(), SetArgs.Builder.px(ttl.toMillis())));
	}

	/**
	 * @param key the caller's key
	 * @return whether a value was removed
	 */
	public boolean delete(String key) {
		return write((redis) -> redis.del(KEY_PREFIX + key)) > 0;
	}

	/**
	 * @return how many keys the shard holds, read from a server that answers
	 */
	public long keyCount() {
		return read((redis) -> redis.dbsize());
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

	private static ShardNodeStatus status(RedisNodeClient node) {
		return new ShardNodeStatus(node.role(), node.uri().getHost() + ":" + node.uri().getPort(),
				node.breakerState().name());
	}

	/**
	 * Runs a read on the first server that answers.
	 * @param <T> the result type
	 * @param commands the read
	 * @return the first answer
	 */
	<T> T read(Function<RedisCommands<String, byte[]>, T> commands) {
		return readWithSource(commands).result();
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
		throw new ShardUnavailableException(this.name, "No server of shard " + this.name + " answered", last);
	}

	/**
	 * Runs a write on the primary.
	 * @param <T> the result type
	 * @param commands the write
	 * @return its result
	 */
	<T> T write(Function<RedisCommands<String, byte[]>, T> commands) {
		try {
			return this.primary.call(commands);
		}
		catch (RuntimeException ex) {
			throw new ShardUnavailableException(this.name, "The primary of shard " + this.name + " is unavailable", ex);
		}
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

	/**
	 * Moves one key to another shard with its remaining time to live, unless the target
	 * already has a value for it: that value was written after the move began, so it
	 * wins.
	 * @param key the caller's key
	 * @param target the key's new owner
	 * @return whether the key was copied
	 */
	boolean moveTo(String key, RedisShard target) {
		String redisKey = KEY_PREFIX + key;
		byte[] dump = write((redis) -> redis.dump(redisKey));
		if (dump == null) {
			return false;
		}
		long ttl = write((redis) -> redis.pttl(redisKey));
		boolean copied = target.write((redis) -> {
			try {
				redis.restore(redisKey, Math.max(ttl, 0), dump);
				return true;
			}
			catch (RedisCommandExecutionException busyKey) {
				return false;
			}
		});
		write((redis) -> redis.del(redisKey));
		return copied;
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
	 * A server of the shard as the listing shows it.
	 *
	 * @param role {@code primary} or {@code replica-N}
	 * @param address host and port
	 * @param breaker the circuit breaker's state
	 */
	public record ShardNodeStatus(String role, String address, String breaker) {
	}

}
