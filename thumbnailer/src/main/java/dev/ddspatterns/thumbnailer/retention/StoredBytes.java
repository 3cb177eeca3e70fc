package dev.ddspatterns.thumbnailer.retention;

import java.util.concurrent.atomic.AtomicLong;

import dev.ddspatterns.thumbnailer.retention.StorageBudget.Admission;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What the blob store holds: as the last sweep measured it, published as the gauge
 * {@code thumbnailer.blobs.bytes}, plus the sources this instance admitted since. A sweep
 * comes only every {@code storage.sweep-interval}; without counting what it admitted
 * meanwhile, an instance could let in any number of uploads between two sweeps.
 */
@Component
class StoredBytes {

	private final AtomicLong measured = new AtomicLong();

	private final AtomicLong reserved = new AtomicLong();

	StoredBytes(MeterRegistry registry) {
		Gauge.builder("thumbnailer.blobs.bytes", this.measured, AtomicLong::get)
			.description("Bytes in the blob store, as the last sweep measured them")
			.baseUnit("bytes")
			.register(registry);
	}

	/**
	 * Admits a new job if it fits, and counts its largest source until a measurement
	 * includes it.
	 * @param budget the bounds
	 * @param usableBytes what the volume can still take
	 * @return the answer
	 */
	synchronized Admission admit(StorageBudget budget, long usableBytes) {
		Admission admission = budget.admit(this.measured.get() + this.reserved.get(), usableBytes);
		if (admission == Admission.ADMITTED) {
			this.reserved.addAndGet(budget.jobBytes());
		}
		return admission;
	}

	/**
	 * @return what was admitted and not yet measured; read it before a measurement starts
	 */
	long reserved() {
		return this.reserved.get();
	}

	/**
	 * Records a measurement. What was admitted before it started is taken to be in it (an
	 * upload still arriving then is missed until the next one); what was admitted while
	 * it ran stays counted.
	 * @param bytes what the store holds
	 * @param reservedBefore {@link #reserved()} when the measurement started
	 */
	void measured(long bytes, long reservedBefore) {
		this.measured.set(bytes);
		this.reserved.addAndGet(-reservedBefore);
	}

}
