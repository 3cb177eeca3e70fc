package dev.ddspatterns.search.leaf.faults;

import java.time.Duration;
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

	private static boolean preHandle(SearchLeafProperties.Faults faults, RandomGenerator random) throws Exception {
		return new FaultInjectionInterceptor(faults, random).preHandle(new MockHttpServletRequest(),
				new MockHttpServletResponse(), new Object());
	}

	private static SearchLeafProperties.Faults faults(double delayFraction, Duration delay, double failureRate) {
		return new SearchLeafProperties.Faults(delayFraction, delay, failureRate, null);
	}

}
