package dev.ddspatterns.election.lease;

/**
 * A clock that only moves forward, for measuring how long a lease has left. Wall time
 * ({@link java.time.Clock}) can jump when NTP corrects it, and a lease deadline that
 * jumps back would let a holder act past its lease.
 */
@FunctionalInterface
public interface MonotonicClock {

	/**
	 * @return nanoseconds since an arbitrary origin; only differences mean anything
	 */
	long nanos();

	/**
	 * @return the JVM's monotonic clock, {@link System#nanoTime()}
	 */
	static MonotonicClock system() {
		return System::nanoTime;
	}

}
