package dev.ddspatterns.election.lease;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Announcements of released leases ({@code release.lua} publishes one), so a follower
 * tries for a lease the moment its holder gives it up instead of at its next interval: a
 * graceful hand-over then takes a round trip or two. Only a shortcut: a follower that
 * misses an announcement still finds the lease free at its next step. So a failure to
 * subscribe never fails the app; the election loops call {@link #subscribe()} on each
 * step until it works.
 */
public class LeaseReleases implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(LeaseReleases.class);

	private static final byte[] CHANNELS = RedisLeases.key("*", "released").getBytes(StandardCharsets.UTF_8);

	private final RedisConnectionFactory connections;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable RedisConnection subscription;

	private volatile boolean running;

	public LeaseReleases(RedisConnectionFactory connections) {
		this.connections = connections;
	}

	/**
	 * @param prefix the start of the names of the leases to hear about, such as
	 * {@code leader} or {@code shard-}
	 * @param action what to do when one is released; it runs on a Redis client thread, so
	 * it should only hand work over
	 */
	public void onRelease(String prefix, Runnable action) {
		this.listeners.add(new Listener("election:{" + prefix, action));
	}

	/** Subscribes to the announcements, unless already subscribed. */
	public synchronized void subscribe() {
		RedisConnection current = this.subscription;
		if (!this.running || (current != null && current.isSubscribed())) {
			return;
		}
		RedisConnection connection = null;
		try {
			connection = this.connections.getConnection();
			connection.pSubscribe(this::released, CHANNELS);
			this.subscription = connection;
		}
		catch (RuntimeException ex) {
			if (connection != null) {
				connection.close();
			}
			logger.debug("Not subscribed to lease releases yet: {}", ex.getMessage());
		}
	}

	private void released(Message message, byte @Nullable [] pattern) {
		String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
		for (Listener listener : this.listeners) {
			if (channel.startsWith(listener.prefix())) {
				listener.action().run();
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Closes the subscription. Its connection belongs to the connection factory's pool,
	 * which stops in a later phase and would find it still borrowed.
	 */
	@Override
	public synchronized void stop() {
		this.running = false;
		RedisConnection current = this.subscription;
		this.subscription = null;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record Listener(String prefix, Runnable action) {

	}

}
