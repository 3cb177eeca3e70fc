package dev.ddspatterns.election.ledger;

import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticks one owner appends to a {@link FencedLedger}, numbered from 1 within each
 * term. A tick whose outcome is {@link Append#UNKNOWN unknown} is sent again, the same
 * number under the same token, before any new one, so the owner never moves on without
 * knowing what it wrote; the ledger answers the retry of a tick that had landed with
 * {@link Append#ALREADY_ACCEPTED}. When the term changes first, the tick's outcome stays
 * unknown, and that is logged: retrying it would be acting in a term that is over.
 */
public final class TermTicks {

	private static final Logger logger = LoggerFactory.getLogger(TermTicks.class);

	private final String ledger;

	private long term;

	private long tick;

	private boolean unknown;

	/**
	 * @param ledger the ledger's name, for the log
	 */
	public TermTicks(String ledger) {
		this.ledger = ledger;
	}

	/**
	 * Appends the next tick of a term, or sends the last one again if its outcome is
	 * unknown.
	 * @param token the term's fencing token
	 * @param append appends a tick number under that token
	 * @return what came of it
	 */
	public Append write(long token, LongFunction<Append> append) {
		if (token != this.term) {
			if (this.unknown) {
				logger.warn("Ledger {}: tick {} of term {} is left with an unknown outcome; term {} has begun",
						this.ledger, this.tick, this.term, token);
			}
			this.term = token;
			this.tick = 0;
			this.unknown = false;
		}
		if (!this.unknown) {
			this.tick++;
		}
		Append outcome = append.apply(this.tick);
		this.unknown = outcome == Append.UNKNOWN;
		return outcome;
	}

}
