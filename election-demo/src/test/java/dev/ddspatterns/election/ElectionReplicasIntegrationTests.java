package dev.ddspatterns.election;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ddspatterns.election.ElectionProperties.Store;
import dev.ddspatterns.testsupport.etcd.EtcdServers;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas as application contexts in one JVM: a graceful shutdown of the leader
 * hands over at once, on Redis and on etcd, and the API answers bad input with problem
 * details.
 */
class ElectionReplicasIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(ElectionReplicasIntegrationTests.class);

	private static final Duration TTL = Duration.ofMillis(1500);

	/** Whole seconds, as etcd counts them, for the hand-over on both stores. */
	private static final Duration HAND_OVER_TTL = Duration.ofSeconds(2);

	private static final Duration HAND_OVER_RENEW = HAND_OVER_TTL.dividedBy(3);

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@RegisterExtension
	static final EtcdServers etcd = EtcdServers.single();

	@ParameterizedTest
	@EnumSource(Store.class)
	void aLeaderThatShutsDownGracefullyIsSucceededWithinTwoRenewalIntervals(Store store) {
		List<String> properties = StoreSelection.properties(store, etcd);
		try (LocalReplicas replicas = new LocalReplicas(redis.server(), 3, HAND_OVER_TTL,
				properties.toArray(String[]::new))) {
			ConfigurableApplicationContext leader = replicas.awaitOneLeader(Duration.ofSeconds(20));
			String leaderId = LocalReplicas.election(leader).id();

			Instant closedAt = Instant.now();
			leader.close();

			ConfigurableApplicationContext successor = replicas.awaitOneLeader(HAND_OVER_RENEW.multipliedBy(2));
			Duration gap = Duration.between(closedAt, LocalReplicas.election(successor).since());
			logger.info("Graceful hand-over on {}: {} ms from close() of {} to new leader {} (renewal interval {} ms)",
					store, gap.toMillis(), leaderId, LocalReplicas.election(successor).id(),
					HAND_OVER_RENEW.toMillis());
			assertThat(gap).isLessThanOrEqualTo(HAND_OVER_RENEW.multipliedBy(2));
			assertThat(gap).as("the announced release, not the next renewal interval, woke a follower")
				.isLessThan(HAND_OVER_RENEW.dividedBy(2));
			assertThat(LocalReplicas.election(successor).id()).isNotEqualTo(leaderId);
		}
	}

	@Test
	void aLedgerRequestForTooManyOrTooFewEntriesIsAProblem() {
		try (LocalReplicas replicas = new LocalReplicas(redis.server(), 1, TTL)) {
			assertLedgerRequestsChecked(RestTestClient.bindToServer()
				.baseUrl("http://localhost:" + LocalReplicas.port(replicas.running().get(0)))
				.build());
		}
	}

	private static void assertLedgerRequestsChecked(RestTestClient client) {
		for (String last : new String[] { "0", "1001", "-3", "many" }) {
			client.get()
				.uri("/v1/ledger?last={last}", last)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:dds-suite:problem:invalid-request");
		}
		client.get().uri("/v1/ledger?last=1000").exchange().expectStatus().isOk();
	}

}
