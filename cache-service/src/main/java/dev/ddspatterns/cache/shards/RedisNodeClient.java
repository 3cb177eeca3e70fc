package dev.ddspatterns.cache.shards;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * One Redis server of a shard behind its own circuit breaker.
 *
 * <p>
 * Two settings make a dead server cost nothing: commands time out after the configured
 * command timeout (a paused server), and a disconnected connection rejects commands at
 * once instead of queueing them until it reconnects (a killed server). After enough
 * failures the breaker opens and calls fail fast until it lets a probe through again.
 */
final class RedisNodeClient implements AutoCloseable {

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final String role;

	private final URI uri;

	private final Duration commandTimeout;

	private final RedisClient client;

	private final CircuitBreaker breaker;

	private volatile StatefulRedisConnection<String, byte[]> connection;

	RedisNodeClient(String role, URI uri, Duration commandTimeout, RedisClient client, CircuitBreaker breaker) {
		this.role = role;
		this.uri = uri;
		this.commandTimeout = commandTimeout;
		this.breaker = breaker;
		this.client = client;
		this.client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(commandTimeout.multipliedBy(2)).build())
			.build());
	}

	/**
	 * @return {@code primary} or {@code replica-N}
	 */
	String role() {
		return this.role;
	}

	/**
	 * @return the server's address
	 */
	URI uri() {
		return this.uri;
	}

	/**
	 * @return the breaker's state, for the shard listing
	 */
	CircuitBreaker.State breakerState() {
		return this.breaker.getState();
	}

	/**
	 * Runs commands on this server through the breaker, connecting first if needed.
	 * @param <T> the result type
	 * @param commands what to run
	 * @return the result
	 * @throws RuntimeException when the server fails, times out or the breaker is open
	 */
	<T> T call(Function<RedisCommands<String, byte[]>, T> commands) {
		return this.breaker.executeSupplier(() -> commands.apply(connection().sync()));
	}

	private StatefulRedisConnection<String, byte[]> connection() {
		StatefulRedisConnection<String, byte[]> current = this.connection;
		if (current == null) {
			synchronized (this) {
				current = this.connection;
				if (current == null) {
					RedisURI redisUri = RedisURI.create(this.uri);
					redisUri.setTimeout(this.commandTimeout);
					current = this.client.connect(CODEC, redisUri);
					this.connection = current;
				}
			}
		}
		return current;
	}

	@Override
	public void close() {
		StatefulRedisConnection<String, byte[]> current = this.connection;
		if (current != null) {
			current.close();
		}
		this.client.shutdown();
	}

}
