package dev.ddspatterns.election;

import java.time.Clock;

import dev.ddspatterns.election.lease.EtcdLeases;
import dev.ddspatterns.election.lease.LeaseReleases;
import dev.ddspatterns.election.lease.LeaseStore;
import dev.ddspatterns.election.lease.MonotonicClock;
import dev.ddspatterns.election.lease.RedisLeases;
import dev.ddspatterns.election.ledger.FencedLedger;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The election's clocks, the leader's ledger, and the lease store that
 * {@code suite.election.store} names: Redis by default, or etcd.
 */
@Configuration(proxyBeanMethods = false)
class ElectionConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	MonotonicClock monotonicClock() {
		return MonotonicClock.system();
	}

	@Bean
	FencedLedger leaderLedger(StringRedisTemplate redis, Clock clock, MeterRegistry meters) {
		return new FencedLedger(redis, "leader", clock, meters);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "suite.election.store", havingValue = "redis", matchIfMissing = true)
	static class RedisStore {

		@Bean
		LeaseReleases leaseReleases(RedisConnectionFactory connections) {
			return new LeaseReleases(connections);
		}

		@Bean
		RedisLeases redisLeases(StringRedisTemplate redis, LeaseReleases releases, ElectionProperties properties,
				Clock clock) {
			return new RedisLeases(redis, releases, properties.leaseTtl(), clock);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "suite.election.store", havingValue = "etcd")
	static class EtcdStore {

		@Bean(destroyMethod = "close")
		Client etcdClient(ElectionProperties properties) {
			return Client.builder().endpoints(properties.etcd().endpoints().toArray(String[]::new)).build();
		}

		@Bean(destroyMethod = "close")
		EtcdLeases etcdLeases(Client etcd, ElectionProperties properties, Clock clock) {
			return new EtcdLeases(etcd, properties.leaseTtl(), properties.etcd().timeout(), clock);
		}

	}

}
