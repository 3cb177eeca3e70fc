package dev.ddspatterns.election.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The protected resource that enforces fencing: a Redis stream written only through
 * {@code scripts/append.lua}, which refuses any token lower than the highest it has seen.
 * A lease alone cannot stop a holder that was paused past its ttl and wakes up still
 * believing it holds the lease; the ledger can, because the successor's token is higher.
 * Rejections are counted ({@code election.ledger.rejected}) and logged: each one is a
 * stale owner caught in the act. An append whose call failed is neither accepted nor
 * rejected but unknown ({@code election.ledger.unknown}): it may have run.
 */
public class FencedLedger {

	private static final Logger logger = LoggerFactory.getLogger(FencedLedger.class);

	private static final RedisScript<Long> APPEND = RedisScript.of(new ClassPathResource("scripts/append.lua"),
			Long.class);

	private static final String RETAINED = "10000";

	private final StringRedisTemplate redis;

	private final String name;

	private final Clock clock;

	private final Counter accepted;

	private final Counter rejected;

	private final Counter unknown;

	public FencedLedger(StringRedisTemplate redis, String name, Clock clock, MeterRegistry meters) {
		this.redis = redis;
		this.name = name;
		this.clock = clock;
		this.accepted = meters.counter("election.ledger.accepted", "ledger", name);
		this.rejected = meters.counter("election.ledger.rejected", "ledger", name);
		this.unknown = meters.counter("election.ledger.unknown", "ledger", name);
	}

	/**
	 * @param name a ledger's name
	 * @param part {@code entries}, {@code high} or {@code tick}
	 * @return the Redis key of that part of the ledger
	 */
	public static String key(String name, String part) {
		return "election:{ledger-" + name + "}:" + part;
	}

	/**
	 * Appends an entry unless a newer term has already written, or this very tick was
	 * appended before.
	 * @param writer the writing replica's id
	 * @param token the fencing token of the term the writer believes it is in
	 * @param tick the writer's tick number within that term
	 * @return what came of it; {@link Append#UNKNOWN} if the call failed, since it may
	 * have run all the same
	 */
	public Append append(String writer, long token, long tick) {
		Append outcome;
		try {
			Long answer = this.redis.execute(APPEND,
					List.of(key(this.name, "high"), key(this.name, "entries"), key(this.name, "tick")),
					Long.toString(token), writer, Long.toString(tick), Long.toString(this.clock.millis()), RETAINED);
			outcome = Append.of((answer != null) ? answer : 0);
		}
		catch (DataAccessException ex) {
			this.unknown.increment();
			logger.warn("Ledger {}: the outcome of tick {} of {} with token {} is unknown ({}): it may or may not"
					+ " be written", this.name, tick, writer, token, ex.getMessage());
			return Append.UNKNOWN;
		}
		switch (outcome) {
			case ACCEPTED -> this.accepted.increment();
			case ALREADY_ACCEPTED -> {
				this.accepted.increment();
				logger.info("Ledger {}: tick {} of {} with token {} had been written by the attempt whose outcome"
						+ " was unknown", this.name, tick, writer, token);
			}
			case REJECTED -> {
				this.rejected.increment();
				logger.warn("Ledger {} rejected tick {} of {} with stale token {}", this.name, tick, writer, token);
			}
			default -> {
				// Redis answered: the outcome is known.
			}
		}
		return outcome;
	}

	/**
	 * @return how many stale writes this replica had rejected
	 */
	public long rejections() {
		return (long) this.rejected.count();
	}

	/**
	 * @param count how many entries
	 * @return the last {@code count} entries, oldest first
	 */
	public List<LedgerEntry> last(int count) {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.reverseRange(key(this.name, "entries"), Range.unbounded(), Limit.limit().count(count));
		List<LedgerEntry> entries = new ArrayList<>();
		if (records != null) {
			for (MapRecord<String, Object, Object> record : records.reversed()) {
				entries.add(entry(record.getId().getValue(), record.getValue()));
			}
		}
		return entries;
	}

	private static LedgerEntry entry(String id, Map<Object, Object> fields) {
		return new LedgerEntry(id, (String) fields.get("owner"), Long.parseLong((String) fields.get("token")),
				Long.parseLong((String) fields.get("tick")),
				Instant.ofEpochMilli(Long.parseLong((String) fields.get("at"))));
	}

}
