package dev.ddspatterns.search.root;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hedges stay within their fraction of first requests, after a small initial burst. */
class HedgeBudgetTests {

	static final int BURST = (int) HedgeBudget.MAX_TOKENS;

	@Test
	void aFullBudgetAllowsItsBurstThenOnlyWhatRequestsEarn() {
		// a quarter, exact in binary, so no rounding decides the test
		HedgeBudget budget = new HedgeBudget(0.25);
		assertThat(hedgesAllowed(budget, 10 * BURST)).isEqualTo(BURST);
		for (int i = 0; i < 3; i++) {
			budget.requestSent();
		}
		assertThat(budget.tryHedge()).as("after 3 requests at 25%").isFalse();
		budget.requestSent();
		assertThat(budget.tryHedge()).as("after 4 requests at 25%").isTrue();
		assertThat(budget.tryHedge()).isFalse();
	}

	@Test
	void unusedBudgetIsCappedSoAQuietSpellDoesNotBuyABurst() {
		HedgeBudget budget = new HedgeBudget(0.5);
		for (int i = 0; i < 10_000; i++) {
			budget.requestSent();
		}
		assertThat(hedgesAllowed(budget, 10 * BURST)).isEqualTo(BURST);
	}

	@Test
	void aZeroBudgetNeverEarnsAHedge() {
		HedgeBudget budget = new HedgeBudget(0);
		hedgesAllowed(budget, 10 * BURST);
		for (int i = 0; i < 10_000; i++) {
			budget.requestSent();
		}
		assertThat(budget.tryHedge()).isFalse();
	}

	private static int hedgesAllowed(HedgeBudget budget, int attempts) {
		int allowed = 0;
		for (int i = 0; i < attempts; i++) {
			if (budget.tryHedge()) {
				allowed++;
			}
		}
		return allowed;
	}

}
