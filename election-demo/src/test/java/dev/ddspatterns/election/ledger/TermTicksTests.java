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
	void ticksAreNumberedFromOneWithinEachTerm() {
		write(7, Append.ACCEPTED);
		write(7, Append.ACCEPTED);
		write(8, Append.ACCEPTED);
		assertThat(this.sent).containsExactly("7/1", "7/2", "8/1");
	}

	@Test
	void aTickWithAnUnknownOutcomeIsSentAgainBeforeAnyNewOne() {
		write(7, Append.ACCEPTED);
		write(7, Append.UNKNOWN);
		write(7, Append.UNKNOWN);
		write(7, Append.ALREADY_ACCEPTED);
		write(7, Append.ACCEPTED);
		assertThat(this.sent).containsExactly("7/1", "7/2", "7/2", "7/2", "7/3");
	}

	@Test
	void aRejectedTickIsKnownNotWrittenAndNotSentAgain() {
		write(7, Append.REJECTED);
		write(7, Append.ACCEPTED);
		assertThat(this.sent).containsExactly("7/1", "7/2");
	}

	@Test
	void aNewTermDoesNotRetryTheOldTermsUnknownTick() {
		write(7, Append.ACCEPTED);
		write(7, Append.UNKNOWN);
		write(8, Append.ACCEPTED);
		assertThat(this.sent).containsExactly("7/1", "7/2", "8/1");
	}

	@Test
	void theScriptsAnswersAreReadOnce() {
		assertThat(Append.of(1)).isEqualTo(Append.ACCEPTED);
		assertThat(Append.of(2)).isEqualTo(Append.ALREADY_ACCEPTED);
		assertThat(Append.of(0)).isEqualTo(Append.REJECTED);
		assertThatIllegalArgumentException().isThrownBy(() -> Append.of(3));
	}

	private void write(long token, Append outcome) {
		Append answered = this.ticks.write(token, (tick) -> {
			this.sent.add(token + "/" + tick);
			return outcome;
		});
		assertThat(answered).isEqualTo(outcome);
	}

}
