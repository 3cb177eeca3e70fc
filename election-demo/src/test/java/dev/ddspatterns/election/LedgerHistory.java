package dev.ddspatterns.election;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.election.ledger.FencedLedger;
import dev.ddspatterns.testsupport.redis.RedisNode;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;

/**
 * Every accepted write of some fenced ledgers, read from Redis while a test runs and kept
 * when Redis loses them: a ledger whose stream starts over (its first entry is no longer
 * the one recorded) has lost its data, and what it accepts from then on is appended to
 * the history, not put in its place. Entries accepted in the last poll interval before a
 * loss may be missed; everything recorded was accepted, in the order recorded.
 */
final class LedgerHistory implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(20);

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final Map<String, Recorded> ledgers = new LinkedHashMap<>();

	private final Thread poller;

	private volatile boolean running = true;

	private LedgerHistory(String redis, List<String> ledgers) {
		this.client = RedisClient.create(redis);
		this.client.setDefaultTimeout(Duration.ofSeconds(1));
		this.connection = this.client.connect();
		ledgers.forEach((ledger) -> this.ledgers.put(ledger, new Recorded()));
		this.poller = Thread.ofPlatform().name("ledger-history").daemon().start(this::poll);
	}

	/**
	 * Starts recording.
	 * @param redis the Redis holding the ledgers
	 * @param ledgers their names, such as {@code leader} or {@code shard-0}
	 * @return the recording history
	 */
	static LedgerHistory record(RedisNode redis, List<String> ledgers) {
		return record(redis.uri(), ledgers);
	}

	/**
	 * Starts recording.
	 * @param redis the URI of the Redis holding the ledgers (or of a proxy to it)
	 * @param ledgers their names, such as {@code leader} or {@code shard-0}
	 * @return the recording history
	 */
	static LedgerHistory record(String redis, List<String> ledgers) {
		return new LedgerHistory(redis, ledgers);
	}

	private void poll() {
		while (this.running) {
			try {
				synchronized (this) {
					this.ledgers.forEach(this::read);
				}
			}
			catch (RedisException ex) {
				// Redis is down or restarting: what it accepted meanwhile is read next
				// time.
			}
			try {
				Thread.sleep(POLL);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void read(String ledger, Recorded recorded) {
		String key = FencedLedger.key(ledger, "entries");
		List<StreamMessage<String, String>> first = this.connection.sync()
			.xrange(key, Range.create("-", "+"), Limit.from(1));
		String firstId = first.isEmpty() ? null : first.get(0).getId();
		if (recorded.firstId != null && !recorded.firstId.equals(firstId)) {
			// The stream was lost (or trimmed, which these tests never come near).
			recorded.firstId = null;
			recorded.lastId = null;
			recorded.lostAt.add(recorded.entries.size());
		}
		Range<String> after = (recorded.lastId != null)
				? Range.from(Range.Boundary.excluding(recorded.lastId), Range.Boundary.unbounded())
				: Range.create("-", "+");
		for (StreamMessage<String, String> message : this.connection.sync().xrange(key, after)) {
			Map<String, String> entry = new HashMap<>(message.getBody());
			entry.put("id", message.getId());
			recorded.entries.add(Map.copyOf(entry));
			if (recorded.firstId == null) {
				recorded.firstId = message.getId();
			}
			recorded.lastId = message.getId();
		}
	}

	/**
	 * @param ledger a recorded ledger's name
	 * @return its accepted writes so far, in the order accepted, across losses of the
	 * store
	 */
	synchronized List<Map<String, String>> accepted(String ledger) {
		return List.copyOf(this.ledgers.get(ledger).entries);
	}

	/**
	 * @param ledger a recorded ledger's name
	 * @return its history for a log: runs of one writer and token, and where the store
	 * lost the ledger, such as {@code replica-0:1 x12, (store lost), replica-2:1 x40}
	 */
	synchronized String summary(String ledger) {
		Recorded recorded = this.ledgers.get(ledger);
		List<String> runs = new ArrayList<>();
		String run = null;
		int length = 0;
		for (int i = 0; i < recorded.entries.size(); i++) {
			String writer = recorded.entries.get(i).get("owner") + ":" + recorded.entries.get(i).get("token");
			boolean lost = recorded.lostAt.contains(i);
			if (run != null && (lost || !run.equals(writer))) {
				runs.add(run + " x" + length);
				run = null;
			}
			if (lost) {
				runs.add("(store lost)");
			}
			if (run == null) {
				run = writer;
				length = 0;
			}
			length++;
		}
		if (run != null) {
			runs.add(run + " x" + length);
		}
		if (recorded.lostAt.contains(recorded.entries.size())) {
			runs.add("(store lost)");
		}
		return String.join(", ", runs);
	}

	/**
	 * @param ledger a recorded ledger's name
	 * @return how many times it was seen to lose its data
	 */
	synchronized int losses(String ledger) {
		return this.ledgers.get(ledger).lostAt.size();
	}

	/** Stops recording, after one last read. */
	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.poller.join();
		synchronized (this) {
			this.ledgers.forEach(this::read);
		}
		this.connection.close();
		this.client.shutdown();
	}

	private static final class Recorded {

		private final List<Map<String, String>> entries = new ArrayList<>();

		private @Nullable String firstId;

		private @Nullable String lastId;

		/** Where in the entries each loss was seen. */
		private final List<Integer> lostAt = new ArrayList<>();

	}

}
