package dev.ddspatterns.election;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.ddspatterns.testsupport.etcd.EtcdMember;
import dev.ddspatterns.testsupport.etcd.EtcdServers;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * The election on a three-member etcd cluster, with three replica processes; the ledgers
 * and the member list stay in Redis. Members of the etcd cluster killed one after the
 * other (the first restarted before the second dies, so a quorum is left each time) leave
 * a leader that still writes a ttl later, with every ledger fenced over its whole
 * history. What does not depend on the store's members runs on both stores in the other
 * tests ({@code ElectionFailoverIntegrationTests},
 * {@code ElectionChurnIntegrationTests}).
 */
class EtcdElectionIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(EtcdElectionIntegrationTests.class);

	private static final Duration TTL = ElectionFailoverIntegrationTests.TTL;

	private static final int SHARDS = 4;

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@RegisterExtension
	static final EtcdServers etcd = EtcdServers.cluster(3);

	private final List<ReplicaProcess> replicas = new ArrayList<>();

	@BeforeEach
	void emptyRedis() {
		try (LedgerCheck ledgers = new LedgerCheck(redis.server())) {
			ledgers.flush();
		}
	}

	@AfterEach
	void stopReplicas() {
		this.replicas.forEach(ReplicaProcess::close);
	}

	@Test
	void etcdMembersKilledOneAfterAnotherLeaveALeaderThatWritesAndNoStaleWriteAccepted() throws Exception {
		startReplicas("etcd-members");
		List<String> names = Stream
			.concat(Stream.of("leader"), IntStream.range(0, SHARDS).mapToObj((shard) -> "shard-" + shard))
			.toList();
		LedgerHistory history = LedgerHistory.record(redis.server(), names);
		try (history) {
			ReplicaProcess.awaitOneLeader(this.replicas);
			for (int member = 0; member < 2; member++) {
				EtcdMember victim = etcd.member(member);
				Instant killedAt = Instant.now();
				victim.kill();
				// A ttl after the kill, any lease not renewed since has run out: a write
				// then proves the election went on through the members left.
				awaitALeaderWritingAfter(history, killedAt.plus(TTL));
				logger.info("etcd member {} killed: a leader writes more than a ttl later", victim.name());
				victim.restart();
			}
		}
		for (String ledger : names) {
			logger.info("Ledger {} accepted, in order: {}", ledger, history.summary(ledger));
			LedgerCheck.assertFenced(ledger, history.accepted(ledger));
		}
	}

	/**
	 * Waits until some replica acts as leader and the ledger holds a write of its term
	 * sent after the given moment, at most two ttls from now. A replica may answer 503
	 * meanwhile, while its client finds its way to a live member.
	 */
	private void awaitALeaderWritingAfter(LedgerHistory history, Instant after) {
		await().atMost(TTL.multipliedBy(2))
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
				for (ReplicaProcess replica : this.replicas) {
					ReplicaClient.Leader view = replica.client().leader();
					if (view.acting() && written(history.accepted("leader"), view.ownToken(), after)) {
						return true;
					}
				}
				return false;
			});
	}

	private static boolean written(List<Map<String, String>> entries, long token, Instant after) {
		return entries.stream()
			.anyMatch((entry) -> Long.parseLong(entry.get("token")) == token
					&& Instant.ofEpochMilli(Long.parseLong(entry.get("at"))).isAfter(after));
	}

	private void startReplicas(String folder) throws Exception {
		this.replicas.addAll(ReplicaProcess.launchReady(folder, 3,
				List.of("spring.data.redis.host=" + redis.server().host(),
						"spring.data.redis.port=" + redis.server().port(), "suite.election.store=etcd",
						"suite.election.etcd.endpoints=" + String.join(",", etcd.endpoints()),
						"suite.election.lease-ttl=" + TTL.toMillis() + "ms", "suite.election.shards=" + SHARDS)));
	}

}
