package dev.ddspatterns.service.faults;

import java.time.Duration;

/**
 * A fault an app injects while it is switched on, such as a leaf that stops answering.
 * Switching it off undoes it. Each app declares its own as beans.
 */
public interface FaultSwitch {

	/**
	 * @return the switch's name in {@code /v1/faults/{name}}, such as {@code freeze}
	 */
	String name();

	/**
	 * @return what happens while it is on, and what should be seen to cope with it
	 */
	String effect();

	/**
	 * @return whether the fault is injected now
	 */
	boolean isOn();

	/**
	 * @param on whether to inject the fault from now on
	 */
	void set(boolean on);

	/**
	 * Waits while the switch is on, at most {@code atMost}: where a fault stops a request
	 * or a loop, as a frozen process would. Bounded, because a waiting request or loop
	 * holds a thread, and a switch left on by mistake must not hold it forever.
	 * @param atMost the longest it waits
	 * @throws InterruptedException if interrupted while waiting
	 */
	default void awaitOff(Duration atMost) throws InterruptedException {
		long until = System.nanoTime() + atMost.toNanos();
		while (isOn() && System.nanoTime() < until) {
			Thread.sleep(POLL);
		}
	}

	/** How soon a waiting request or loop notices the switch going off. */
	Duration POLL = Duration.ofMillis(20);

	/**
	 * A switch whose only state is whether it is on; the app reads {@link #isOn()} where
	 * the fault happens.
	 */
	class Simple implements FaultSwitch {

		private final String name;

		private final String effect;

		private volatile boolean on;

		public Simple(String name, String effect) {
			this.name = name;
			this.effect = effect;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public String effect() {
			return this.effect;
		}

		@Override
		public boolean isOn() {
			return this.on;
		}

		@Override
		public void set(boolean on) {
			this.on = on;
		}

	}

}
