package dev.ddspatterns.election;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.ddspatterns.election.ReplicaClient.Leader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run in which the lease store loses what it holds while three replica processes lead,
 * own shards and write their ledgers, and what such a run must leave: the ledgers' whole
 * history, read from the store as it happens, still fenced (no accepted write with a
 * lower token than an earlier accepted one, one writer per token), and a leader that
 * writes again within two ttls of the loss. The tests say how the store is lost.
 */
final class StoreLoss {

	private static final Logger logger = LoggerFactory.getLogger(StoreLoss.class);

	static final Duration TTL = ElectionFailoverIntegrationTests.TTL;

	static final int SHARDS = 4;

	/** The ledgers a run records: the leader's and one per shard. */
	static final List<String> LEDGERS = Stream
		.concat(Stream.of("leader"), IntStream.range(0, SHARDS).mapToObj((shard) -> "shard-" + shard))
		.toList();

	private final List<ReplicaProcess> replicas;

	private final LedgerHistory history;

	private Instant lostAt = Instant.MAX;

	private int acceptedBefore;

	private StoreLoss(List<ReplicaProcess> replicas, LedgerHistory history) {
		this.replicas = replicas;
		this.history = history;
	}

	/**
	 * @param host the store's host as the replicas reach it
	 * @param port its port
	 * @return the replicas' properties for a store there
	 */
	static List<String> replicaProperties(String host, int port) {
		return List.of("spring.data.redis.host=" + host, "spring.data.redis.port=" + port,
				"suite.election.lease-ttl=" + TTL.toMillis() + "ms", "suite.election.shards=" + SHARDS);
	}

	/**
	 * Lets a second term begin (so the store has handed out more than one token and a
	 * rewind can show), loses the store, and watches the replicas for three ttls.
	 * @param replicas three running replicas
	 * @param history the recording of {@link #LEDGERS}, closed when this returns
	 * @param beforeSecondTerm what happens once the first leader leads, before it is
	 * paused for a second term to begin
	 * @param loss what loses the store
	 * @return the run, to check
	 */
	static StoreLoss run(List<ReplicaProcess> replicas, LedgerHistory history, Runnable beforeSecondTerm, Runnable loss)
			throws Exception {
		StoreLoss run = new StoreLoss(replicas, history);
		try (history) {
			ReplicaProcess first = ReplicaProcess.awaitOneLeader(replicas);
			beforeSecondTerm.run();
			first.pause();
			ReplicaProcess second = ReplicaProcess
				.awaitOneLeader(replicas.stream().filter((replica) -> replica != first).toList());
			first.resume();
			long secondToken = second.client().leader().ownToken();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> history.accepted("leader")
					.stream()
					.anyMatch((entry) -> Long.parseLong(entry.get("token")) == secondToken));

			run.acceptedBefore = history.accepted("leader").size();
			run.lostAt = Instant.now();
			loss.run();
			logger.info("Store lost; {} leader ticks accepted before, last token {}", run.acceptedBefore, secondToken);
			// Watch what the replicas do for three ttls: the bound below is two.
			await().pollDelay(TTL.multipliedBy(3)).atMost(TTL.multipliedBy(4)).until(() -> true);
		}
		for (String ledger : LEDGERS) {
			logger.info("Ledger {} accepted, in order: {}", ledger, history.summary(ledger));
		}
		return run;
	}

	/** Every ledger's whole history is fenced. */
	void assertEveryLedgerFenced() {
		for (String ledger : LEDGERS) {
			LedgerCheck.assertFenced(ledger, this.history.accepted(ledger));
		}
	}

	/**
	 * A leader wrote within two ttls of the loss: the one after a restart empty (whose
	 * term must have begun after it), or the one whose lease a promoted replica kept.
	 * @return the leader's term as it sees it
	 */
	Leader assertALeaderWroteWithinTwoTtls() throws IOException {
		ReplicaProcess leader = ReplicaProcess.awaitOneLeader(this.replicas);
		Leader view = leader.client().leader();
		List<Map<String, String>> after = this.history.accepted("leader")
			.subList(this.acceptedBefore, this.history.accepted("leader").size());
		Instant firstWrite = after.stream()
			.filter((entry) -> Long.parseLong(entry.get("token")) == view.ownToken())
			.map((entry) -> Instant.ofEpochMilli(Long.parseLong(entry.get("at"))))
			.filter((at) -> !at.isBefore(this.lostAt))
			.findFirst()
			.orElse(null);
		assertThat(firstWrite).as("%s wrote with token %d after the loss", leader.id(), view.ownToken()).isNotNull();
		Duration gap = Duration.between(this.lostAt, Objects.requireNonNull(firstWrite));
		logger.info("After the loss of the store {} led with token {} and wrote {} ms after the loss (ttl {} ms)",
				leader.id(), view.ownToken(), gap.toMillis(), TTL.toMillis());
		assertThat(gap).isLessThanOrEqualTo(TTL.multipliedBy(2));
		return view;
	}

	/**
	 * @return when the store was lost
	 */
	Instant lostAt() {
		return this.lostAt;
	}

	/**
	 * @param ledger a recorded ledger
	 * @return how many times the history saw it lose its data
	 */
	int losses(String ledger) {
		return this.history.losses(ledger);
	}

}
