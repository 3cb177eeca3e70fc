package dev.ddspatterns.election;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ddspatterns.election.ElectionProperties.Store;
import dev.ddspatterns.testsupport.etcd.EtcdServers;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store that holds every lease goes away: once the leases would have expired nobody
 * acts as leader or shard owner, since nobody can prove it still holds a lease; when the
 * store comes back (Redis empty, etcd with its data) leadership resumes with a higher
 * token than before. Once on each store.
 */
class LeaseStoreOutageIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(LeaseStoreOutageIntegrationTests.class);

	/** Whole seconds, as etcd counts them. */
	private static final Duration TTL = Duration.ofSeconds(2);

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@RegisterExtension
	static final EtcdServers etcd = EtcdServers.single();

	@ParameterizedTest
	@EnumSource(Store.class)
	void withoutTheStoreNobodyActsAfterTheTtlAndLeadershipResumesWhenItReturns(Store store) {
		List<String> properties = StoreSelection.properties(store, etcd);
		Runnable stop = (store == Store.ETCD) ? () -> etcd.member(0).stop() : () -> redis.server().stop();
		Runnable restart = (store == Store.ETCD) ? () -> etcd.member(0).restart() : () -> redis.server().restart();
		try (LocalReplicas replicas = new LocalReplicas(redis.server(), 3, TTL, properties.toArray(String[]::new))) {
			ConfigurableApplicationContext leader = replicas.awaitOneLeader(Duration.ofSeconds(20));
			await().atMost(Duration.ofSeconds(10)).until(() -> !LocalReplicas.shards(leader).acting().isEmpty());
			long tokenBefore = LocalReplicas.election(leader).token();

			Instant stoppedAt = Instant.now();
			stop.run();
			await().atMost(TTL).pollInterval(Duration.ofMillis(10)).until(() -> replicas.acting() == 0);
			logger.info("{} stopped: nobody acts as leader {} ms later (ttl {} ms)", store,
					Duration.between(stoppedAt, Instant.now()).toMillis(), TTL.toMillis());
			await().atMost(TTL)
				.until(() -> replicas.running()
					.stream()
					.allMatch((context) -> LocalReplicas.shards(context).acting().isEmpty()));
			await().during(TTL).atMost(TTL.multipliedBy(2)).until(() -> replicas.acting() == 0);

			restart.run();
			ConfigurableApplicationContext resumed = replicas.awaitOneLeader(Duration.ofSeconds(40));
			logger.info("{} restarted: {} leads again", store, LocalReplicas.election(resumed).id());
			assertThat(LocalReplicas.election(resumed).token())
				.as("the store came back, and its first token is higher than the last before")
				.isGreaterThan(tokenBefore);
		}
	}

}
