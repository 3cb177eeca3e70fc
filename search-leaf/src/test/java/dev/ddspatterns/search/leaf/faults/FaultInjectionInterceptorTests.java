package dev.ddspatterns.search.leaf.faults;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

import dev.ddspatterns.search.leaf.SearchLeafProperties;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A fault happens when the random draw falls below its configured fraction. */
class FaultInjectionInterceptorTests {

	/** Draws 0.0: below any positive fraction. */
	private static final RandomGenerator LOW = () -> 0L;

	/** Draws just under 1.0: below no fraction smaller than 1. */
	private static final RandomGenerator HIGH = () -> -1L;

	@Test
	void noFaultsByDefault() throws Exception {
		assertThat(preHandle(faults(0, Duration.ofSeconds(10), 0), LOW)).isTrue();
	}

	@Test
	void aDrawBelowTheFailureRateFailsWith503() {
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> preHandle(faults(0, Duration.ZERO, 0.3), LOW))
			.satisfies((ex) -> assertThat(ex.getProblemType()).isEqualTo(ProblemType.UNAVAILABLE));
	}

	@Test
	void aDrawAboveTheRatesPassesUntouched() throws Exception {
		assertThat(preHandle(faults(0.99, Duration.ofSeconds(10), 0.99), HIGH)).isTrue();
	}

	@Test
	void aDrawBelowTheDelayFractionWaits() throws Exception {
		long started = System.nanoTime();

		assertThat(preHandle(faults(0.5, Duration.ofMillis(100), 0), LOW)).isTrue();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
	}

	@Test
	void theFailSwitchFailsEveryRequestWith503UntilItIsOff() throws Exception {
		LeafFaultSwitches switches = LeafFaultSwitches.of(Duration.ZERO);
		switches.fail().set(true);
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> preHandle(faults(0, Duration.ZERO, 0), switches, HIGH))
			.satisfies((ex) -> assertThat(ex.getProblemType()).isEqualTo(ProblemType.UNAVAILABLE));
		switches.fail().set(false);
		assertThat(preHandle(faults(0, Duration.ZERO, 0), switches, HIGH)).isTrue();
	}

	@Test
	void aFrozenRequestWaitsUntilTheThaw() throws Exception {
		LeafFaultSwitches switches = LeafFaultSwitches.of(Duration.ZERO);
		switches.freeze().set(true);
		CompletableFuture<Boolean> request = CompletableFuture
			.supplyAsync(() -> preHandleUnchecked(faults(0, Duration.ZERO, 0), switches));
		// Still waiting well after a poll or two: it waits for the switch, not a timer.
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> request.get(300, TimeUnit.MILLISECONDS));
		switches.freeze().set(false);
		assertThat(request.get(10, TimeUnit.SECONDS)).isTrue();
	}

	private static boolean preHandle(SearchLeafProperties.Faults faults, RandomGenerator random) throws Exception {
		return preHandle(faults, LeafFaultSwitches.of(faults.delay()), random);
	}

	private static boolean preHandle(SearchLeafProperties.Faults faults, LeafFaultSwitches switches,
			RandomGenerator random) throws Exception {
		return new FaultInjectionInterceptor(faults, switches, random).preHandle(new MockHttpServletRequest(),
				new MockHttpServletResponse(), new Object());
	}

	private static boolean preHandleUnchecked(SearchLeafProperties.Faults faults, LeafFaultSwitches switches) {
		try {
			return preHandle(faults, switches, HIGH);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SearchLeafProperties.Faults faults(double delayFraction, Duration delay, double failureRate) {
		return new SearchLeafProperties.Faults(delayFraction, delay, failureRate, null);
	}

}
