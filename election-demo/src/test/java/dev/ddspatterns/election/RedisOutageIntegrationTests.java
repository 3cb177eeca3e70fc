package dev.ddspatterns.election;

import java.time.Duration;
import java.time.Instant;

import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis, which holds every lease, goes away: once the leases would have expired nobody
 * acts as leader or shard owner, since nobody can prove it still holds a lease; when
 * Redis comes back, empty, leadership resumes with a higher token than before.
 */
class RedisOutageIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(RedisOutageIntegrationTests.class);

	private static final Duration TTL = Duration.ofMillis(1500);

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@Test
	void withoutRedisNobodyActsAfterTheTtlAndLeadershipResumesWhenItReturns() {
		try (LocalReplicas replicas = new LocalReplicas(redis.server(), 3, TTL)) {
			ConfigurableApplicationContext leader = replicas.awaitOneLeader(Duration.ofSeconds(10));
			await().atMost(Duration.ofSeconds(10)).until(() -> !LocalReplicas.shards(leader).acting().isEmpty());
			long tokenBefore = LocalReplicas.election(leader).token();

			Instant stoppedAt = Instant.now();
			redis.server().stop();
			await().atMost(TTL).pollInterval(Duration.ofMillis(10)).until(() -> replicas.acting() == 0);
			logger.info("Redis stopped: nobody acts as leader {} ms later (ttl {} ms)",
					Duration.between(stoppedAt, Instant.now()).toMillis(), TTL.toMillis());
			await().atMost(TTL)
				.until(() -> replicas.running()
					.stream()
					.allMatch((context) -> LocalReplicas.shards(context).acting().isEmpty()));
			await().during(TTL).atMost(TTL.multipliedBy(2)).until(() -> replicas.acting() == 0);

			redis.server().restart();
			ConfigurableApplicationContext resumed = replicas.awaitOneLeader(Duration.ofSeconds(40));
			logger.info("Redis restarted: {} leads again", LocalReplicas.election(resumed).id());
			assertThat(LocalReplicas.election(resumed).token())
				.as("Redis came back empty, and its first token is still higher than the last before")
				.isGreaterThan(tokenBefore);
		}
	}

}
