package dev.ddspatterns.election;

import java.time.Duration;

import dev.ddspatterns.service.faults.FaultSwitch;

import org.springframework.stereotype.Component;

/**
 * The fault switch {@code pause}: while it is on, this replica's leader election and
 * ticks stand still where they are, as if the process were paused by a long GC or a
 * frozen VM. A leader stops renewing, its lease runs out and another replica leads with a
 * larger token; a tick it had decided to write (its lease was valid then) goes out when
 * the pause ends, with the old token, and the fenced ledger refuses it.
 */
@Component
public final class LeaderPause extends FaultSwitch.Simple {

	/**
	 * The longest one wait lasts; a loop that wakes pauses again at its next step while
	 * the switch is on.
	 */
	static final Duration MAX_WAIT = Duration.ofSeconds(30);

	LeaderPause() {
		super("pause", "This replica's election and ticks stand still, as in a long GC pause: a leader's lease runs "
				+ "out and another replica leads with a larger token; when the pause ends, the tick it had decided "
				+ "to write goes out with the old token and the fenced ledger refuses it.");
	}

	/**
	 * Waits while the switch is on, at most {@link #MAX_WAIT}.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitResumed() throws InterruptedException {
		awaitOff(MAX_WAIT);
	}

}
