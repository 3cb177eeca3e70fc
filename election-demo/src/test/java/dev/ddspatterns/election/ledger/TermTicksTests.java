package dev.ddspatterns.election.ledger;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TermTicksTests {

	private final TermTicks ticks = new TermTicks("test");

	private final List<String> sent = new ArrayList<>();

	@Test
	void eachTermNumbersItsTicksFromOneAndDoesNotRetryTheLastTermsUnknownTick() {
		write(7, Append.ACCEPTED, Append.ACCEPTED, Append.UNKNOWN);
		write(8, Append.ACCEPTED, Append.ACCEPTED);
		assertThat(this.sent).as("tick 3 of term 7 is over with its term")
			.containsExactly("7/1", "7/2", "7/3", "8/1", "8/2");
	}

	@Test
	void aTickWithAnUnknownOutcomeIsSentAgainBeforeAnyNewOne() {
		write(7, Append.ACCEPTED, Append.UNKNOWN, Append.UNKNOWN, Append.ALREADY_ACCEPTED, Append.ACCEPTED);
		assertThat(this.sent).containsExactly("7/1", "7/2", "7/2", "7/2", "7/3");
	}

	@Test
	void aRejectedTickIsKnownNotWrittenAndNotSentAgain() {
		write(7, Append.REJECTED, Append.ACCEPTED);
		assertThat(this.sent).containsExactly("7/1", "7/2");
	}

	@Test
	void theScriptsAnswersAreReadOnce() {
		assertThat(Append.of(1)).isEqualTo(Append.ACCEPTED);
		assertThat(Append.of(2)).isEqualTo(Append.ALREADY_ACCEPTED);
		assertThat(Append.of(0)).isEqualTo(Append.REJECTED);
		assertThatIllegalArgumentException().isThrownBy(() -> Append.of(3));
	}

	/** Writes one tick of a term per outcome, the ledger answering each with it. */
	private void write(long token, Append... outcomes) {
		for (Append outcome : outcomes) {
			Append answered = this.ticks.write(token, (tick) -> {
				this.sent.add(token + "/" + tick);
				return outcome;
			});
			assertThat(answered).isEqualTo(outcome);
		}
	}

}
