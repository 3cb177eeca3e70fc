package dev.ddspatterns.election;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.ddspatterns.election.ReplicaClient.Leader;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lease store loses everything while three replica processes lead, own shards and
 * write their ledgers: the election Redis is killed with SIGKILL and started again empty,
 * as a Redis without persistence comes back after a crash. The ledgers' whole history,
 * read from Redis as it happens, must still be fenced (no accepted write with a lower
 * token than an earlier accepted one, one writer per token), and a leader must write
 * again within two ttls of the loss.
 */
class LeaseStoreLossIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(LeaseStoreLossIntegrationTests.class);

	private static final Duration TTL = ElectionFailoverIntegrationTests.TTL;

	private static final int SHARDS = 4;

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	private final List<ReplicaProcess> replicas = new ArrayList<>();

	@AfterEach
	void stopReplicas() {
		this.replicas.forEach(ReplicaProcess::close);
	}

	@Test
	void afterTheStoreRestartsEmptyNoTokenGoesBackAndALeaderWritesWithinTwoTtls() throws Exception {
		try (LedgerCheck ledgers = new LedgerCheck(redis.server())) {
			ledgers.flush();
		}
		startReplicas();
		List<String> names = Stream
			.concat(Stream.of("leader"), IntStream.range(0, SHARDS).mapToObj((shard) -> "shard-" + shard))
			.toList();
		LedgerHistory history = LedgerHistory.record(redis.server(), names);
		Instant lostAt;
		int acceptedBefore;
		try (history) {
			// A second term before the loss, so the store has handed out more than one
			// token and a rewind can show.
			ReplicaProcess first = ReplicaProcess.awaitOneLeader(this.replicas);
			first.pause();
			ReplicaProcess second = ReplicaProcess
				.awaitOneLeader(this.replicas.stream().filter((replica) -> replica != first).toList());
			first.resume();
			long secondToken = second.client().leader().ownToken();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> history.accepted("leader")
					.stream()
					.anyMatch((entry) -> Long.parseLong(entry.get("token")) == secondToken));

			acceptedBefore = history.accepted("leader").size();
			lostAt = Instant.now();
			redis.server().kill();
			redis.server().restart();
			logger.info("Election Redis killed and restarted empty; {} leader ticks accepted before, last token {}",
					acceptedBefore, secondToken);
			// Watch what the replicas do for three ttls: the bound below is two.
			await().pollDelay(TTL.multipliedBy(3)).atMost(TTL.multipliedBy(4)).until(() -> true);
		}

		for (String ledger : names) {
			logger.info("Ledger {} accepted, in order: {}", ledger, history.summary(ledger));
		}
		for (String ledger : names) {
			assertThat(history.losses(ledger)).as("ledger %s was seen to lose its data", ledger).isEqualTo(1);
			LedgerCheck.assertFenced(ledger, history.accepted(ledger));
		}
		ReplicaProcess leader = ReplicaProcess.awaitOneLeader(this.replicas);
		Leader view = leader.client().leader();
		assertThat(view.since()).as("the leader's term began after the loss").isAfter(lostAt);
		List<Map<String, String>> after = history.accepted("leader")
			.subList(acceptedBefore, history.accepted("leader").size());
		Instant firstWrite = after.stream()
			.filter((entry) -> Long.parseLong(entry.get("token")) == view.ownToken())
			.map((entry) -> Instant.ofEpochMilli(Long.parseLong(entry.get("at"))))
			.findFirst()
			.orElse(null);
		assertThat(firstWrite).as("%s wrote with token %d after the loss", leader.id(), view.ownToken()).isNotNull();
		Duration gap = Duration.between(lostAt, Objects.requireNonNull(firstWrite));
		logger.info("After the loss of the store {} led with token {} and wrote {} ms after the loss (ttl {} ms)",
				leader.id(), view.ownToken(), gap.toMillis(), TTL.toMillis());
		assertThat(gap).isLessThanOrEqualTo(TTL.multipliedBy(2));
	}

	private void startReplicas() throws Exception {
		this.replicas.addAll(ReplicaProcess.launchReady("store-loss", 3,
				List.of("spring.data.redis.host=" + redis.server().host(),
						"spring.data.redis.port=" + redis.server().port(),
						"suite.election.lease-ttl=" + TTL.toMillis() + "ms", "suite.election.shards=" + SHARDS)));
	}

}
