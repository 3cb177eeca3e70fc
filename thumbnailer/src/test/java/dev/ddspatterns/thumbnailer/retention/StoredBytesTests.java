package dev.ddspatterns.thumbnailer.retention;

import dev.ddspatterns.thumbnailer.retention.StorageBudget.Admission;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoredBytesTests {

	private static final long MB = 1024 * 1024;

	/** At most 100 MB stored, 20 MB kept free, sources of up to 10 MB. */
	private final StorageBudget budget = new StorageBudget(100 * MB, 20 * MB, 10 * MB);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void whatWasAdmittedCountsAgainstTheBoundUntilAMeasurementIncludesIt() {
		StoredBytes stored = new StoredBytes(this.registry);
		stored.measured(70 * MB, 0);
		long volume = 1000 * MB;
		assertThat(stored.admit(this.budget, volume)).isEqualTo(Admission.ADMITTED);
		assertThat(stored.admit(this.budget, volume)).isEqualTo(Admission.ADMITTED);
		long reservedBefore = stored.reserved();
		assertThat(stored.admit(this.budget, volume)).isEqualTo(Admission.ADMITTED);
		assertThat(stored.admit(this.budget, volume)).as("70 MB measured, 30 MB admitted")
			.isEqualTo(Admission.STORE_FULL);

		// The first two sources turned out smaller; the third is still arriving.
		stored.measured(75 * MB, reservedBefore);
		assertThat(stored.reserved()).isEqualTo(10 * MB);
		assertThat(stored.admit(this.budget, volume)).isEqualTo(Admission.ADMITTED);
	}

	@Test
	void theGaugeShowsTheLastMeasurement() {
		StoredBytes stored = new StoredBytes(this.registry);
		stored.measured(1234, 0);
		stored.admit(this.budget, 1000 * MB);
		assertThat(this.registry.get("thumbnailer.blobs.bytes").gauge().value()).isEqualTo(1234);
	}

}
