package dev.ddspatterns.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ddspatterns.cache.CacheOperation.Outcome;
import dev.ddspatterns.cache.CacheOperation.Type;

/**
 * Checks a whole history of cache operations against what the cache promises, key by key,
 * in the manner of Jepsen's register checkers: every value written is unique, so a read
 * names the write it saw.
 *
 * <p>
 * A write <em>supersedes</em> another when it began after the other ended and was seen
 * (acknowledged, or returned by a read) before a read began: from then on that read must
 * not return the older state. Over that order the check finds:
 * <ul>
 * <li>{@link Kind#STALE_READ}: a read returned a value that a later, acknowledged
 * {@code PUT} had replaced before the read began;</li>
 * <li>{@link Kind#RESURRECTED}: a read returned a value that an acknowledged
 * {@code DELETE} had removed before the read began;</li>
 * <li>{@link Kind#LOST_WRITE}: a read (or a {@code DELETE}'s 404) found nothing although
 * every state it could have seen holds a value that cannot have expired yet;</li>
 * <li>{@link Kind#TTL_NOT_PRESERVED}: a value served after its time to live, served
 * without one, or with a remaining time to live that ends later (or much earlier) than
 * its write allows;</li>
 * <li>{@link Kind#UNKNOWN_VALUE}: a read returned a value no write could have put
 * there.</li>
 * </ul>
 * A write without an answer ({@link Outcome#UNKNOWN}) may take effect at any time after
 * it was sent, or never; it supersedes nothing until a read sees it. A value's expiry
 * lies between its write's start and end plus its time to live; {@code slack} widens that
 * window for clock granularity.
 */
final class HistoryCheck {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(HistoryCheck.class);

	private final Duration slack;

	HistoryCheck(Duration slack) {
		this.slack = slack;
	}

	/**
	 * @param history every operation of every client, in any order
	 * @return what the history breaks, empty if nothing
	 */
	List<Anomaly> check(List<CacheOperation> history) {
		Map<String, List<CacheOperation>> byKey = history.stream()
			.collect(Collectors.groupingBy(CacheOperation::key, LinkedHashMap::new, Collectors.toList()));
		List<Anomaly> anomalies = new ArrayList<>();
		byKey.forEach((key, operations) -> anomalies.addAll(new KeyHistory(operations).check()));
		return anomalies;
	}

	/**
	 * Checks a history, logs what it holds and what it breaks, and fails if it breaks
	 * anything.
	 * @param history the operations of a test
	 * @param slack how much a value's expiry may differ from its write's window
	 */
	static void assertNoAnomalies(History history, Duration slack) {
		List<CacheOperation> operations = history.operations();
		List<Anomaly> anomalies = new HistoryCheck(slack).check(operations);
		Map<Kind, Long> counts = count(anomalies);
		Map<String, Long> outcomes = operations.stream()
			.collect(Collectors.groupingBy((op) -> op.type() + " " + op.outcome(), java.util.TreeMap::new,
					Collectors.counting()));
		logger.info("{} operations {}; anomalies: {}", operations.size(), outcomes, counts);
		anomalies.stream().limit(20).forEach((anomaly) -> logger.info("{}", anomaly));
		org.assertj.core.api.Assertions.assertThat(counts.values())
			.as("anomalies by kind: %s; the first: %s", counts, anomalies.stream().findFirst())
			.containsOnly(0L);
	}

	/**
	 * @param anomalies what a check found
	 * @return how many of each kind, every kind listed
	 */
	static Map<Kind, Long> count(List<Anomaly> anomalies) {
		Map<Kind, Long> counts = new LinkedHashMap<>();
		for (Kind kind : Kind.values()) {
			counts.put(kind, anomalies.stream().filter((anomaly) -> anomaly.kind() == kind).count());
		}
		return counts;
	}

	private final class KeyHistory {

		private final List<CacheOperation> writes = new ArrayList<>();

		private final List<CacheOperation> observations = new ArrayList<>();

		private final Map<String, CacheOperation> putsByValue = new HashMap<>();

		private final Map<CacheOperation, Long> visibleAt = new HashMap<>();

		KeyHistory(List<CacheOperation> operations) {
			for (CacheOperation operation : operations) {
				if (operation.isWrite() && operation.outcome() != Outcome.FAILED) {
					this.writes.add(operation);
					this.visibleAt.put(operation,
							(operation.outcome() == Outcome.OK) ? operation.completed() : Long.MAX_VALUE);
					if (operation.type() == Type.PUT) {
						this.putsByValue.put(operation.value(), operation);
					}
				}
				boolean read = operation.type() == Type.GET;
				boolean deleteOfNothing = operation.type() == Type.DELETE && !operation.found();
				if ((read || deleteOfNothing) && operation.outcome() == Outcome.OK) {
					this.observations.add(operation);
				}
			}
			for (CacheOperation read : this.observations) {
				CacheOperation seen = (read.value() != null) ? this.putsByValue.get(read.value()) : null;
				if (seen != null) {
					this.visibleAt.merge(seen, read.completed(), Math::min);
				}
			}
		}

		List<Anomaly> check() {
			List<Anomaly> anomalies = new ArrayList<>();
			for (CacheOperation read : this.observations) {
				if (read.found() && read.type() == Type.GET) {
					checkValue(read, anomalies);
				}
				else {
					checkAbsence(read, anomalies);
				}
			}
			return anomalies;
		}

		private void checkValue(CacheOperation read, List<Anomaly> anomalies) {
			CacheOperation write = this.putsByValue.get(read.value());
			if (write == null || write.invoked() > read.completed()) {
				anomalies.add(new Anomaly(Kind.UNKNOWN_VALUE, read, write, "no write could have stored this value"));
				return;
			}
			CacheOperation newer = supersedingWrite(end(write), read);
			if (newer != null) {
				Kind kind = (newer.type() == Type.DELETE) ? Kind.RESURRECTED : Kind.STALE_READ;
				anomalies.add(new Anomaly(kind, read, newer, "read " + write + " after " + newer));
			}
			long earliestExpiry = write.invoked() + write.ttl().toNanos() - slackNanos();
			long latestExpiry = saturatedAdd(end(write), write.ttl().toNanos() + slackNanos());
			if (read.invoked() > latestExpiry) {
				anomalies.add(new Anomaly(Kind.TTL_NOT_PRESERVED, read, write, "served after its time to live"));
			}
			else if (read.ttl() == null) {
				anomalies.add(new Anomaly(Kind.TTL_NOT_PRESERVED, read, write, "served without a time to live"));
			}
			else if (read.invoked() + read.ttl().toNanos() > latestExpiry) {
				anomalies.add(new Anomaly(Kind.TTL_NOT_PRESERVED, read, write, "its time to live grew"));
			}
			else if (read.completed() + read.ttl().plusSeconds(1).toNanos() < earliestExpiry) {
				anomalies.add(new Anomaly(Kind.TTL_NOT_PRESERVED, read, write, "its time to live shrank"));
			}
		}

		private void checkAbsence(CacheOperation read, List<Anomaly> anomalies) {
			if (supersedingWrite(Long.MIN_VALUE, read) == null) {
				return;
			}
			CacheOperation latestPut = null;
			for (CacheOperation write : this.writes) {
				if (write == read || write.invoked() >= read.completed()
						|| supersedingWrite(end(write), read) != null) {
					continue;
				}
				if (write.type() == Type.DELETE || mayHaveExpired(write, read.completed())) {
					return;
				}
				latestPut = write;
			}
			anomalies.add(new Anomaly(Kind.LOST_WRITE, read, latestPut, "found nothing"));
		}

		private boolean mayHaveExpired(CacheOperation put, long by) {
			return put.invoked() + put.ttl().toNanos() - slackNanos() < by;
		}

		/**
		 * @return the latest write that began after {@code end} and was seen before the
		 * read began, or {@code null}
		 */
		private CacheOperation supersedingWrite(long end, CacheOperation read) {
			CacheOperation latest = null;
			for (CacheOperation write : this.writes) {
				if (write != read && end < write.invoked() && this.visibleAt.get(write) < read.invoked()
						&& (latest == null || write.invoked() > latest.invoked())) {
					latest = write;
				}
			}
			return latest;
		}

		private static long end(CacheOperation write) {
			return (write.outcome() == Outcome.OK) ? write.completed() : Long.MAX_VALUE;
		}

	}

	private long slackNanos() {
		return this.slack.toNanos();
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (a > 0 && b > 0 && sum < 0) ? Long.MAX_VALUE : sum;
	}

	/** What a history can break. */
	enum Kind {

		LOST_WRITE, RESURRECTED, STALE_READ, TTL_NOT_PRESERVED, UNKNOWN_VALUE

	}

	/**
	 * One thing the history breaks.
	 *
	 * @param kind what
	 * @param read the read that shows it
	 * @param write the write it concerns: the newer one it missed, the one it read, or
	 * the last one it should have seen; {@code null} if none
	 * @param detail a sentence for the report
	 */
	record Anomaly(Kind kind, CacheOperation read, CacheOperation write, String detail) {

		@Override
		public String toString() {
			return this.kind + " " + this.read.key() + ": " + this.detail + "; read: " + this.read + "; write: "
					+ this.write;
		}

	}

}
