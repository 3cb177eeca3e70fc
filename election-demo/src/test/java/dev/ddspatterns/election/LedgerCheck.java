package dev.ddspatterns.election;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.election.ledger.FencedLedger;
import dev.ddspatterns.testsupport.redis.RedisNode;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the fenced ledgers straight from Redis and checks what fencing promises: in
 * stream order tokens never decrease, and every token was written by one replica only, so
 * no two terms ever had accepted writes interleaved.
 */
final class LedgerCheck implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	LedgerCheck(RedisNode redis) {
		this.client = RedisClient.create(redis.uri());
		this.connection = this.client.connect();
	}

	/**
	 * @param ledger the ledger's name, {@code leader} or {@code shard-N}
	 * @return the ledger's entries in stream order
	 */
	List<Map<String, String>> entries(String ledger) {
		return this.connection.sync()
			.xrange(FencedLedger.key(ledger, "entries"), Range.create("-", "+"))
			.stream()
			.map(StreamMessage::getBody)
			.toList();
	}

	/**
	 * Asserts the fencing invariants over a ledger.
	 * @param ledger the ledger's name
	 * @return the entries, for further checks
	 */
	List<Map<String, String>> assertFenced(String ledger) {
		return assertFenced(ledger, entries(ledger));
	}

	/**
	 * Asserts the fencing invariants over accepted writes in the order they were
	 * accepted.
	 * @param ledger the ledger's name, for the messages
	 * @param entries its accepted writes, each with an {@code owner} and a {@code token}
	 * @return the entries, for further checks
	 */
	static List<Map<String, String>> assertFenced(String ledger, List<Map<String, String>> entries) {
		Map<Long, String> writers = new HashMap<>();
		long previous = 0;
		for (Map<String, String> entry : entries) {
			long token = Long.parseLong(entry.get("token"));
			assertThat(token).as("tokens in ledger %s never decrease: %s came after token %d", ledger, entry, previous)
				.isGreaterThanOrEqualTo(previous);
			String writer = writers.putIfAbsent(token, entry.get("owner"));
			assertThat(writer).as("token %d of ledger %s has one writer", token, ledger).isIn(null, entry.get("owner"));
			previous = token;
		}
		return entries;
	}

	/** Empties the server, for a test that starts from nothing. */
	void flush() {
		this.connection.sync().flushall();
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
