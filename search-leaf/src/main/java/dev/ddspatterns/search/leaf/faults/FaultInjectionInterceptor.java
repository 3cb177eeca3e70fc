package dev.ddspatterns.search.leaf.faults;

import java.util.random.RandomGenerator;

import dev.ddspatterns.search.leaf.SearchLeafProperties;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Freezes, delays or fails search requests before they are served, while a fault switch
 * says so ({@link LeafFaultSwitches}), and delays or fails a configured fraction of them,
 * so a scatter/gather root can be watched coping with a slow leaf (the tail latency that
 * hedged requests cut) or a failing one (a partial answer instead of none). Failures are
 * 503 problems, what a real overloaded leaf would answer. Random draws come from the
 * given generator, so a test or a seeded demo repeats exactly.
 */
final class FaultInjectionInterceptor implements HandlerInterceptor {

	private final SearchLeafProperties.Faults faults;

	private final LeafFaultSwitches switches;

	private final RandomGenerator random;

	FaultInjectionInterceptor(SearchLeafProperties.Faults faults, LeafFaultSwitches switches, RandomGenerator random) {
		this.faults = faults;
		this.switches = switches;
		this.random = random;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws InterruptedException {
		this.switches.freeze().awaitOff(LeafFaultSwitches.MAX_FREEZE);
		if (this.switches.fail().isOn()) {
			throw new ProblemException(ProblemType.UNAVAILABLE, "Failure injected by the fault switch 'fail'");
		}
		if (this.switches.slow().isOn() || happens(this.faults.delayFraction())) {
			Thread.sleep(this.faults.delay());
		}
		if (happens(this.faults.failureRate())) {
			throw new ProblemException(ProblemType.UNAVAILABLE,
					"Failure injected by suite.search.leaf.faults.failure-rate=" + this.faults.failureRate());
		}
		return true;
	}

	private boolean happens(double probability) {
		return probability > 0 && this.random.nextDouble() < probability;
	}

}
