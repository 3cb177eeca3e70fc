package dev.ddspatterns.election;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LeaderPauseTests {

	@Test
	void offItLetsEverythingThrough() throws Exception {
		LeaderPause pause = new LeaderPause();
		long started = System.nanoTime();
		pause.awaitResumed();
		assertThat(pause.isOn()).isFalse();
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
			.isLessThan(LeaderPause.MAX_WAIT.toMillis());
	}

	@Test
	void onItHoldsTheLoopUntilItIsSwitchedOff() throws Exception {
		LeaderPause pause = new LeaderPause();
		pause.set(true);
		CompletableFuture<Void> step = CompletableFuture.runAsync(() -> {
			try {
				pause.awaitResumed();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		// Still held well after a poll or two: it waits for the switch, not a timer.
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> step.get(300, TimeUnit.MILLISECONDS));
		pause.set(false);
		step.get(10, TimeUnit.SECONDS);
	}

}
