package dev.ddspatterns.election;

import java.util.ArrayList;
import java.util.List;

import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lease store loses everything while three replica processes lead, own shards and
 * write their ledgers: the election Redis is killed with SIGKILL and started again empty,
 * as a Redis without persistence comes back after a crash. The ledgers' history must
 * still be fenced, and a leader must write again within two ttls ({@link StoreLoss}).
 */
class LeaseStoreLossIntegrationTests {

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
		this.replicas.addAll(ReplicaProcess.launchReady("store-loss", 3,
				StoreLoss.replicaProperties(redis.server().host(), redis.server().port())));

		StoreLoss run = StoreLoss.run(this.replicas, LedgerHistory.record(redis.server(), StoreLoss.LEDGERS), () -> {
		}, () -> {
			redis.server().kill();
			redis.server().restart();
		});

		for (String ledger : StoreLoss.LEDGERS) {
			assertThat(run.losses(ledger)).as("ledger %s was seen to lose its data", ledger).isEqualTo(1);
		}
		run.assertEveryLedgerFenced();
		assertThat(run.assertALeaderWroteWithinTwoTtls().since())
			.as("the leader's term began after the loss: the store forgot every lease")
			.isAfter(run.lostAt());
	}

}
