package dev.ddspatterns.election;

import java.util.ArrayList;
import java.util.List;

import dev.ddspatterns.testsupport.faults.FaultProxy;
import dev.ddspatterns.testsupport.redis.RedisNode;
import dev.ddspatterns.testsupport.redis.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The election Redis's primary dies while three replica processes lead, own shards and
 * write their ledgers, and a replica that had not received the last term is promoted in
 * its place: the replica stops following ({@code REPLICAOF NO ONE}) while the first term
 * runs, the primary alone mints a second term and takes its writes, then the primary is
 * killed and the store's address (a proxy here, a Service or a Sentinel-told address in a
 * deployment) leads to the replica. Its token counter is behind the second term's token,
 * so a counter alone would mint a lower one, which the replica's ledgers, behind too,
 * would accept after the higher token's acknowledged writes. Tokens floored by the
 * store's clock keep the whole history fenced, and a leader must write again within two
 * ttls ({@link StoreLoss}).
 */
class ReplicaPromotionIntegrationTests {

	@RegisterExtension
	@Order(1)
	static final RedisServers redis = RedisServers.single().withReplicas(1);

	@RegisterExtension
	@Order(2)
	static final FaultProxy store = FaultProxy.to(() -> redis.server().address());

	private final List<ReplicaProcess> replicas = new ArrayList<>();

	@AfterEach
	void stopReplicas() {
		this.replicas.forEach(ReplicaProcess::close);
	}

	@Test
	void afterAReplicaIsPromotedNoTokenGoesBackAndALeaderWritesWithinTwoTtls() throws Exception {
		RedisNode primary = redis.shard(0).primary();
		RedisNode replica = redis.shard(0).replica(0);
		this.replicas.addAll(
				ReplicaProcess.launchReady("promotion", 3, StoreLoss.replicaProperties(store.host(), store.port())));

		StoreLoss run = StoreLoss.run(this.replicas,
				LedgerHistory.record("redis://" + store.host() + ":" + store.port(), StoreLoss.LEDGERS),
				() -> promote(replica), () -> {
					primary.kill();
					store.retarget(replica.address());
				});

		run.assertEveryLedgerFenced();
		run.assertALeaderWroteWithinTwoTtls();
	}

	private static void promote(RedisNode replica) {
		RedisClient client = RedisClient.create(replica.uri());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().replicaofNoOne();
		}
		finally {
			client.shutdown();
		}
	}

}
