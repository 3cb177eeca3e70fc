package dev.ddspatterns.search.leaf.faults;

import java.time.Duration;
import java.util.List;

import dev.ddspatterns.service.faults.FaultSwitch;

/**
 * The leaf's fault switches, turned on and off at run time through {@code /v1/faults}
 * (when {@code suite.faults.enabled}): the pattern console's "freeze a leaf", "slow a
 * leaf" and "fail a leaf".
 *
 * @param freeze every search waits while it is on
 * @param slow every search waits the configured delay first
 * @param fail every search is a 503 problem
 */
record LeafFaultSwitches(FaultSwitch freeze, FaultSwitch slow, FaultSwitch fail) {

	/**
	 * The longest a frozen search waits: a request holds a thread while it waits, and a
	 * switch left on by mistake must not hold them forever. Far beyond any root's
	 * deadline.
	 */
	static final Duration MAX_FREEZE = Duration.ofSeconds(30);

	static LeafFaultSwitches of(Duration delay) {
		return new LeafFaultSwitches(
				new FaultSwitch.Simple("freeze",
						"Every search waits until this is off (at most " + MAX_FREEZE.toSeconds() + " s), as a "
								+ "frozen process would: the root answers by its deadline without this leaf, hedged to "
								+ "another replica of the shard if there is one, partial if not."),
				new FaultSwitch.Simple("slow",
						"Every search waits " + delay.toMillis() + " ms first (suite.search.leaf.faults.delay): the "
								+ "root hedges to another replica of the shard and the hedge wins."),
				new FaultSwitch.Simple("fail",
						"Every search is a 503 problem: the root answers from another replica of the shard, or "
								+ "without the shard (partial)."));
	}

	List<FaultSwitch> all() {
		return List.of(this.freeze, this.slow, this.fail);
	}

}
