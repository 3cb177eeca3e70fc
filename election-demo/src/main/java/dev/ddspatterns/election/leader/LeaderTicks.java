package dev.ddspatterns.election.leader;

import java.time.Duration;

import dev.ddspatterns.election.ElectionProperties;
import dev.ddspatterns.election.LeaderPause;
import dev.ddspatterns.election.FixedDelayLoop;
import dev.ddspatterns.election.ledger.FencedLedger;
import dev.ddspatterns.election.ledger.TermTicks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The leader's periodic work: one tick appended to the {@link FencedLedger} per tick
 * interval, with the token of the term it believes it is in. It checks the watchdog
 * before each tick, and that is still not enough: between the check and the write the
 * process can pause past its lease (the hold-before-write fault makes that window wide),
 * which is why the ledger checks the token again.
 */
@Component
class LeaderTicks implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(LeaderTicks.class);

	private final LeaderElection election;

	private final FencedLedger ledger;

	private final Duration holdBeforeWrite;

	private final FixedDelayLoop loop;

	private final TermTicks ticks = new TermTicks("leader");

	private final LeaderPause pause;

	LeaderTicks(LeaderElection election, FencedLedger ledger, ElectionProperties properties, LeaderPause pause) {
		this.election = election;
		this.ledger = ledger;
		this.pause = pause;
		this.holdBeforeWrite = properties.faults().holdBeforeWrite();
		this.loop = new FixedDelayLoop("leader-ticks", properties.tickInterval(), this::tick);
	}

	@Override
	public void start() {
		this.loop.start();
	}

	@Override
	public void stop() {
		this.loop.stop();
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	void tick() {
		if (!this.election.mayAct()) {
			return;
		}
		long token = this.election.token();
		try {
			Thread.sleep(this.holdBeforeWrite);
			// The fault switch 'pause' stops the replica here, between the check and the
			// write: the window a real pause opens.
			this.pause.awaitResumed();
			this.ticks.write(token, (tick) -> this.ledger.append(this.election.id(), token, tick));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// Not Redis's answer (append() turns those into outcomes): a bug, kept from
			// ending the loop.
			logger.error("A tick of term {} failed", token, ex);
		}
	}

}
