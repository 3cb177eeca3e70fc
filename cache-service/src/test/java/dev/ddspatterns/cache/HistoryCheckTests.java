package dev.ddspatterns.cache;

import java.time.Duration;
import java.util.List;

import dev.ddspatterns.cache.CacheOperation.Outcome;
import dev.ddspatterns.cache.HistoryCheck.Anomaly;
import dev.ddspatterns.cache.HistoryCheck.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Histories the checker must accept and histories it must reject, each a few operations
 * on one key with times in milliseconds.
 */
class HistoryCheckTests {

	private static final Duration LONG = Duration.ofMinutes(10);

	private final HistoryCheck check = new HistoryCheck(Duration.ofMillis(100));

	@Test
	void aReadAfterAWriteSeesIt() {
		assertThat(check(put("v1", 0, 10), read("v1", 20, 30))).isEmpty();
	}

	@Test
	void aReadConcurrentWithAWriteMaySeeTheOldValueOrTheNew() {
		assertThat(check(put("v1", 0, 10), put("v2", 20, 50), read("v1", 30, 40), read("v2", 35, 45))).isEmpty();
	}

	@Test
	void aReadOfAValueReplacedBeforeTheReadBeganIsStale() {
		assertThat(kinds(check(put("v1", 0, 10), put("v2", 20, 30), read("v1", 40, 50))))
			.containsExactly(Kind.STALE_READ);
	}

	@Test
	void aReadOfADeletedValueIsAResurrection() {
		assertThat(kinds(check(put("v1", 0, 10), delete(true, 20, 30), read("v1", 40, 50))))
			.containsExactly(Kind.RESURRECTED);
	}

	@Test
	void aReadIsJudgedByTheLatestWriteThatReplacedItsValue() {
		assertThat(kinds(check(put("v1", 0, 10), put("v2", 20, 30), delete(true, 40, 50), read("v1", 60, 70))))
			.containsExactly(Kind.RESURRECTED);
		assertThat(kinds(check(put("v1", 0, 10), delete(true, 20, 30), put("v2", 40, 50), read("v1", 60, 70))))
			.containsExactly(Kind.STALE_READ);
	}

	@Test
	void nothingFoundAfterAnAcknowledgedWriteIsALostWrite() {
		assertThat(kinds(check(put("v1", 0, 10), read(null, 20, 30)))).containsExactly(Kind.LOST_WRITE);
	}

	@Test
	void aDeleteThatFindsNothingAfterAnAcknowledgedWriteIsALostWriteToo() {
		assertThat(kinds(check(put("v1", 0, 10), delete(false, 20, 30)))).containsExactly(Kind.LOST_WRITE);
	}

	@Test
	void nothingFoundBeforeAnyWriteOrAfterADeleteIsFine() {
		assertThat(check(read(null, 0, 5), put("v1", 10, 20), delete(true, 30, 40), read(null, 50, 60),
				delete(false, 70, 80)))
			.isEmpty();
	}

	@Test
	void aValueMayBeGoneOnceItsTimeToLiveHasPassedButNotServedAfterIt() {
		CacheOperation shortLived = CacheOperation.put(0, 0, "k", "v1", Duration.ofSeconds(1), ms(0), ms(10),
				Outcome.OK);
		assertThat(check(shortLived, read(null, 1200, 1210))).isEmpty();
		assertThat(kinds(check(shortLived, read("v1", 1200, 1210, Duration.ZERO))))
			.containsExactly(Kind.TTL_NOT_PRESERVED);
	}

	@Test
	void aValueServedWithoutATimeToLiveOrALongerOneBreaksTheTtl() {
		assertThat(kinds(check(put("v1", 0, 10), read("v1", 20, 30, null)))).containsExactly(Kind.TTL_NOT_PRESERVED);
		assertThat(kinds(check(put("v1", 0, 10), read("v1", 20, 30, LONG.plusSeconds(5)))))
			.containsExactly(Kind.TTL_NOT_PRESERVED);
		assertThat(kinds(check(put("v1", 0, 10), read("v1", 20, 30, LONG.minusSeconds(30)))))
			.containsExactly(Kind.TTL_NOT_PRESERVED);
		assertThat(check(put("v1", 0, 10), read("v1", 2020, 2030, LONG.minusSeconds(3)))).isEmpty();
	}

	@Test
	void aWriteWithoutAnAnswerMayOrMayNotHaveHappenedUntilAReadSeesIt() {
		CacheOperation timedOut = CacheOperation.put(0, 0, "k", "v2", LONG, ms(20), ms(30), Outcome.UNKNOWN);
		assertThat(check(put("v1", 0, 10), timedOut, read("v1", 40, 50), read("v2", 60, 70), read("v2", 500, 510)))
			.isEmpty();
		assertThat(kinds(check(put("v1", 0, 10), timedOut, read("v2", 60, 70), read("v1", 80, 90))))
			.containsExactly(Kind.STALE_READ);
	}

	@Test
	void readsOnDifferentReplicasMustNotGoBackInTime() {
		CacheOperation slowPut = put("v2", 20, 500);
		assertThat(kinds(check(put("v1", 0, 10), slowPut, read("v2", 30, 40), read("v1", 50, 60))))
			.containsExactly(Kind.STALE_READ);
	}

	@Test
	void aValueNoWriteStoredIsReported() {
		CacheOperation refused = CacheOperation.put(0, 0, "k", "v2", LONG, ms(20), ms(30), Outcome.FAILED);
		assertThat(kinds(check(put("v1", 0, 10), refused, read("v2", 40, 50)))).containsExactly(Kind.UNKNOWN_VALUE);
		assertThat(kinds(check(read("v9", 0, 10)))).containsExactly(Kind.UNKNOWN_VALUE);
	}

	@Test
	void failedReadsTellNothing() {
		CacheOperation failedRead = CacheOperation.get(0, 0, "k", null, null, ms(20), ms(30), Outcome.UNKNOWN);
		assertThat(check(put("v1", 0, 10), failedRead)).isEmpty();
	}

	private List<Anomaly> check(CacheOperation... history) {
		return this.check.check(List.of(history));
	}

	private static List<Kind> kinds(List<Anomaly> anomalies) {
		return anomalies.stream().map(Anomaly::kind).toList();
	}

	private static CacheOperation put(String value, long invoked, long completed) {
		return CacheOperation.put(0, 0, "k", value, LONG, ms(invoked), ms(completed), Outcome.OK);
	}

	private static CacheOperation read(String value, long invoked, long completed) {
		return read(value, invoked, completed, (value != null) ? LONG.minusSeconds(1) : null);
	}

	private static CacheOperation read(String value, long invoked, long completed, Duration ttl) {
		return CacheOperation.get(1, 1, "k", value, ttl, ms(invoked), ms(completed), Outcome.OK);
	}

	private static CacheOperation delete(boolean found, long invoked, long completed) {
		return CacheOperation.delete(2, 2, "k", found, ms(invoked), ms(completed), Outcome.OK);
	}

	private static long ms(long millis) {
		return Duration.ofMillis(millis).toNanos();
	}

}
