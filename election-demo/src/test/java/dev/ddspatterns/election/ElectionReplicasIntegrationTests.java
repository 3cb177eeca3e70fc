package dev.ddspatterns.election;

import java.time.Duration;
import java.time.Instant;

import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas as application contexts in one JVM: a graceful shutdown of the leader
 * hands over at once, and the API answers bad input with problem details.
 */
class ElectionReplicasIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(ElectionReplicasIntegrationTests.class);

	private static final Duration TTL = Duration.ofMillis(1500);

	private static final Duration RENEW = TTL.dividedBy(3);

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	static LocalReplicas replicas;

	@BeforeAll
	static void startReplicas() {
		replicas = new LocalReplicas(redis.server(), 3, TTL);
	}

	@AfterAll
	static void stopReplicas() {
		replicas.close();
	}

	@Test
	void aLeaderThatShutsDownGracefullyIsSucceededWithinTwoRenewalIntervals() {
		ConfigurableApplicationContext leader = replicas.awaitOneLeader(Duration.ofSeconds(10));
		String leaderId = LocalReplicas.election(leader).id();

		Instant closedAt = Instant.now();
		leader.close();

		ConfigurableApplicationContext successor = replicas.awaitOneLeader(RENEW.multipliedBy(2));
		Duration gap = Duration.between(closedAt, LocalReplicas.election(successor).since());
		logger.info("Graceful hand-over: {} ms from close() of {} to new leader {} (renewal interval {} ms)",
				gap.toMillis(), leaderId, LocalReplicas.election(successor).id(), RENEW.toMillis());
		assertThat(gap).isLessThanOrEqualTo(RENEW.multipliedBy(2));
		assertThat(gap).as("the announced release, not the next renewal interval, woke a follower")
			.isLessThan(RENEW.dividedBy(2));
		assertThat(LocalReplicas.election(successor).id()).isNotEqualTo(leaderId);
	}

	@Test
	void aLedgerRequestForTooManyOrTooFewEntriesIsAProblem() {
		RestTestClient client = RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + LocalReplicas.port(replicas.running().get(0)))
			.build();
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
