package dev.ddspatterns.thumbnailer.retention;

import dev.ddspatterns.thumbnailer.retention.StorageBudget.Admission;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorageBudgetTests {

	private static final long MB = 1024 * 1024;

	/** At most 100 MB stored, 20 MB kept free, sources of up to 10 MB. */
	private final StorageBudget budget = new StorageBudget(100 * MB, 20 * MB, 10 * MB);

	@Test
	void aJobIsAdmittedWhileItsLargestSourceStillFitsUnderBothBounds() {
		assertThat(this.budget.admit(90 * MB, 30 * MB)).isEqualTo(Admission.ADMITTED);
	}

	@Test
	void aJobWhoseLargestSourceWouldTakeTheStoreOverItsBoundIsRefused() {
		assertThat(this.budget.admit(90 * MB + 1, 1000 * MB)).isEqualTo(Admission.STORE_FULL);
	}

	@Test
	void aJobWhoseLargestSourceWouldTakeTheVolumeUnderItsFreeMinimumIsRefused() {
		assertThat(this.budget.admit(0, 30 * MB - 1)).isEqualTo(Admission.VOLUME_FULL);
	}

	@Test
	void aRefusalSaysSoWithoutTheServersNumbers() {
		assertThat(Admission.STORE_FULL.detail()).startsWith("The blob store is at its bound;")
			.doesNotContainPattern("\\d");
		assertThat(Admission.VOLUME_FULL.detail()).doesNotContainPattern("\\d");
	}

}
