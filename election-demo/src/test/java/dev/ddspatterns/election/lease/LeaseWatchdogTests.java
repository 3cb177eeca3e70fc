package dev.ddspatterns.election.lease;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseWatchdogTests {

	private static final Duration TTL = Duration.ofMillis(1500);

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final LeaseWatchdog watchdog = new LeaseWatchdog(TTL, Duration.ZERO, this.now::get);

	@Test
	void aHolderMayNotActBeforeItHoldsALease() {
		assertThat(this.watchdog.mayAct()).isFalse();
		assertThat(this.watchdog.expired()).isFalse();
	}

	@Test
	void theLeaseCountsFromWhenTheRenewalWasSentNotWhenItWasAnswered() {
		long sent = this.watchdog.stamp();
		advance(Duration.ofMillis(400));
		this.watchdog.confirmed(sent);
		advance(Duration.ofMillis(1099));
		assertThat(this.watchdog.mayAct()).isTrue();
		assertThat(this.watchdog.remaining()).isEqualTo(Duration.ofMillis(1));
		advance(Duration.ofMillis(1));
		assertThat(this.watchdog.mayAct()).isFalse();
		assertThat(this.watchdog.expired()).isTrue();
	}

	@Test
	void theHolderStopsActingTheMarginBeforeOneTtlAfterTheSend() {
		LeaseWatchdog watchdog = new LeaseWatchdog(TTL, Duration.ofMillis(50), this.now::get);
		long sent = watchdog.stamp();
		advance(Duration.ofMillis(400));
		watchdog.confirmed(sent);
		advance(Duration.ofMillis(1049));
		assertThat(watchdog.mayAct()).isTrue();
		assertThat(watchdog.remaining()).isEqualTo(Duration.ofMillis(1));
		advance(Duration.ofMillis(1));
		assertThat(watchdog.mayAct()).as("50 ms before the lease's end by the holder's clock").isFalse();
		assertThat(watchdog.expired()).isTrue();
	}

	@Test
	void aLeaderPausedPastItsTtlStopsActingWithoutAnyThreadRunning() {
		this.watchdog.confirmed(this.watchdog.stamp());
		advance(TTL.multipliedBy(3));
		assertThat(this.watchdog.mayAct()).isFalse();
		assertThat(this.watchdog.remaining()).isZero();
	}

	@Test
	void eachSuccessfulRenewalExtendsTheLease() {
		this.watchdog.confirmed(this.watchdog.stamp());
		for (int i = 0; i < 10; i++) {
			advance(TTL.dividedBy(3));
			this.watchdog.confirmed(this.watchdog.stamp());
		}
		advance(TTL.minusMillis(1));
		assertThat(this.watchdog.mayAct()).isTrue();
	}

	@Test
	void aLateAnswerToAnOlderRenewalNeverShortensTheLease() {
		long older = this.watchdog.stamp();
		advance(Duration.ofMillis(500));
		this.watchdog.confirmed(this.watchdog.stamp());
		this.watchdog.confirmed(older);
		advance(Duration.ofMillis(1200));
		assertThat(this.watchdog.mayAct()).isTrue();
	}

	@Test
	void aStoppedHolderMayNotActEvenWithTimeLeft() {
		this.watchdog.confirmed(this.watchdog.stamp());
		this.watchdog.stop();
		assertThat(this.watchdog.mayAct()).isFalse();
		assertThat(this.watchdog.expired()).isFalse();
	}

	private void advance(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

}
