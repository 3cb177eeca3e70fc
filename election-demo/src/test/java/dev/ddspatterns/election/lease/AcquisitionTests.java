package dev.ddspatterns.election.lease;

import dev.ddspatterns.election.lease.Acquisition.Held;
import dev.ddspatterns.election.lease.Acquisition.Won;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AcquisitionTests {

	@Test
	void aPositiveAnswerIsATermWonWithThatToken() {
		assertThat(Acquisition.of(1796656344435919L)).isEqualTo(new Won(1796656344435919L));
	}

	@Test
	void aNegativeAnswerIsALeaseHeldByAnotherInTheTermOfThatToken() {
		assertThat(Acquisition.of(-1796656344435919L)).isEqualTo(new Held(1796656344435919L));
	}

	@Test
	void zeroIsALeaseHeldBeforeAnyTermWasMinted() {
		assertThat(Acquisition.of(0)).isEqualTo(new Held(0));
	}

	@Test
	void onlyTheAnswerOneIsARenewal() {
		assertThat(Renewal.of(1)).isEqualTo(Renewal.RENEWED);
		assertThat(Renewal.of(0)).isEqualTo(Renewal.REFUSED);
	}

}
