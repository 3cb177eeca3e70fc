package dev.ddspatterns.election.leader;

import dev.ddspatterns.election.ElectionProperties;
import dev.ddspatterns.election.leader.LeadershipLost.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The book's advice taken literally: when the watchdog fires, exit. A leader that lost
 * its lease without noticing in time has been in an unknown state (paused, partitioned,
 * starved), and a clean restart is simpler to trust than whatever it still holds in
 * memory. Off by default, because the demo wants to show the replica rejoin as a
 * follower; on in production, where a supervisor restarts it.
 */
@Component
class WatchdogExit {

	private static final Logger logger = LoggerFactory.getLogger(WatchdogExit.class);

	private final ApplicationContext context;

	private final ElectionProperties.Watchdog watchdog;

	WatchdogExit(ApplicationContext context, ElectionProperties properties) {
		this.context = context;
		this.watchdog = properties.watchdog();
	}

	@EventListener
	void exitIfConfigured(LeadershipLost lost) {
		if (lost.reason() != Reason.WATCHDOG || !this.watchdog.exitOnExpiry()) {
			return;
		}
		int code = this.watchdog.exitCode();
		logger.error("The leader lease of term {} expired before a renewal succeeded; exiting with {}", lost.token(),
				code);
		// Not on the election thread: closing the context waits for that thread to end.
		Thread.ofPlatform()
			.name("watchdog-exit")
			.start(() -> System.exit(SpringApplication.exit(this.context, () -> code)));
	}

}
