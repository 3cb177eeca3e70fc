package dev.ddspatterns.election.lease;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ddspatterns.election.lease.Acquisition.Held;
import dev.ddspatterns.election.lease.Acquisition.Unknown;
import dev.ddspatterns.election.lease.Acquisition.Won;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link LeaseStore} must do, run against each real store by a subclass: one
 * holder at a time, tokens that only grow, compare-and-swap on the holder's id, the
 * known-term rule, announced releases, and unknown outcomes when the store is frozen.
 */
abstract class LeaseStoreContract {

	protected final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Duration ttl;

	private final Runnable pause;

	private final Runnable resume;

	protected Lease lease;

	private LeaseStore store;

	/**
	 * Connects to the store under test, once before each test.
	 * @return the store, its leases living {@link #ttl()}
	 */
	protected abstract LeaseStore connect() throws Exception;

	/**
	 * @param ttl the store's lease ttl
	 * @param pause freezes the store's server process (SIGSTOP)
	 * @param resume lets it run again (SIGCONT)
	 */
	protected LeaseStoreContract(Duration ttl, Runnable pause, Runnable resume) {
		this.ttl = ttl;
		this.pause = pause;
		this.resume = resume;
	}

	@BeforeEach
	void lease(TestInfo test) throws Exception {
		this.store = connect();
		// A lease of its own per test, so nothing one test left behind can matter.
		this.lease = new Lease(this.store, test.getTestMethod().orElseThrow().getName(), this.meters);
	}

	protected LeaseStore store() {
		return this.store;
	}

	@Test
	void onlyOneCandidateGetsAFreeLeaseAndTheOtherLearnsItsToken() {
		long token = won(this.lease.acquire("a", 0));
		assertThat(this.lease.acquire("b", 0)).isEqualTo(new Held(token));
		assertThat(this.lease.current()).hasValueSatisfying((term) -> {
			assertThat(term.holder()).isEqualTo("a");
			assertThat(term.token()).isEqualTo(token);
		});
	}

	@Test
	void onlyTheHolderRenewsOrReleases() {
		long first = won(this.lease.acquire("a", 0));
		assertThat(this.lease.renew("b")).isEqualTo(Renewal.REFUSED);
		assertThat(this.lease.release("b")).isFalse();
		assertThat(this.lease.renew("a")).isEqualTo(Renewal.RENEWED);
		assertThat(this.lease.release("a")).isTrue();
		assertThat(this.lease.current()).isEmpty();
		assertThat(won(this.lease.acquire("b", first))).as("the next term's token is higher").isGreaterThan(first);
	}

	@Test
	void anExpiredLeaseGoesToTheNextCandidateWithAHigherTokenAndCannotBeRenewedByItsOldHolder() {
		long first = won(this.lease.acquire("a", 0));
		await().atMost(this.ttl.multipliedBy(3)).until(() -> this.lease.acquire("b", 0) instanceof Won);
		assertThat(this.lease.current()).hasValueSatisfying((term) -> assertThat(term.token()).isGreaterThan(first));
		assertThat(this.lease.renew("a")).isEqualTo(Renewal.REFUSED);
		assertThat(this.lease.release("a")).isFalse();
		assertThat(this.lease.current()).hasValueSatisfying((term) -> assertThat(term.holder()).isEqualTo("b"));
	}

	@Test
	void aHolderTakingItsLeaseAgainInTheTermItKnowsStartsANewTerm() {
		long first = won(this.lease.acquire("a", 0));
		long second = won(this.lease.acquire("a", first));
		assertThat(second).isGreaterThan(first);
		assertThat(this.lease.current()).hasValueSatisfying((term) -> assertThat(term.token()).isEqualTo(second));
	}

	@Test
	void aHolderLearnsTheTermThatAnAttemptWhoseAnswerItLostHadMinted() {
		long minted = won(this.lease.acquire("a", 0));
		assertThat(this.lease.acquire("a", 0)).as("the same term, not a new one").isEqualTo(new Won(minted));
	}

	@Test
	void aReleaseIsAnnouncedToThoseWatchingItsLeases() {
		AtomicInteger heard = new AtomicInteger();
		store().onRelease(this.lease.name(), heard::incrementAndGet);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			store().watch();
			this.lease.acquire("a", 0);
			this.lease.release("a");
			assertThat(heard).hasPositiveValue();
		});
	}

	@Test
	void callsToAFrozenStoreHaveUnknownOutcomesNotRefusals() {
		long token = won(this.lease.acquire("a", 0));
		Acquisition acquisition;
		Renewal renewal;
		this.pause.run();
		try {
			acquisition = this.lease.acquire("b", 0);
			renewal = this.lease.renew("a");
		}
		finally {
			this.resume.run();
		}
		assertThat(acquisition).isInstanceOf(Unknown.class);
		assertThat(renewal).isEqualTo(Renewal.UNKNOWN);
		assertThat(this.meters.find("election.lease.unknown").counters()).hasSize(2);
		await().atMost(this.ttl.multipliedBy(3))
			.until(() -> this.lease.acquire("a", token) instanceof Won || this.lease.acquire("b", 0) instanceof Won);
	}

	protected static long won(Acquisition acquisition) {
		assertThat(acquisition).isInstanceOf(Won.class);
		return ((Won) acquisition).token();
	}

}
