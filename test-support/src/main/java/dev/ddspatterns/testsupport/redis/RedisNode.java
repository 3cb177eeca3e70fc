package dev.ddspatterns.testsupport.redis;

import java.net.InetSocketAddress;

/**
 * One real Redis server a test talks to and can break on purpose.
 *
 * <p>
 * The address stays the same across {@link #stop()}/{@link #kill()} and
 * {@link #restart()}, so a client configured once sees the server go and come back. A
 * restarted server starts empty: persistence is off, as it is for a cache.
 */
public interface RedisNode {

	/**
	 * @return a name for logs and assertions, such as {@code shard-1-primary}
	 */
	String name();

	/**
	 * @return the host clients connect to
	 */
	String host();

	/**
	 * @return the port clients connect to
	 */
	int port();

	/**
	 * @return {@code redis://host:port}
	 */
	default String uri() {
		return "redis://" + host() + ":" + port();
	}

	/**
	 * @return host and port as a socket address
	 */
	default InetSocketAddress address() {
		return new InetSocketAddress(host(), port());
	}

	/** Shuts the server down cleanly (SIGTERM); connections are closed. */
	void stop();

	/** Kills the server at once (SIGKILL), as a crash would. */
	void kill();

	/**
	 * Freezes the server (SIGSTOP): connections stay open but nothing answers, so clients
	 * only notice through their timeouts.
	 */
	void pause();

	/** Lets a paused server run again (SIGCONT); queued commands are answered. */
	void resume();

	/** Starts a stopped or killed server again on the same port, empty. */
	void restart();

	/**
	 * @return whether the server process or container is running (paused counts)
	 */
	boolean isRunning();

}
