package dev.ddspatterns.election;

import java.time.Clock;

import dev.ddspatterns.election.lease.LeaseReleases;
import dev.ddspatterns.election.lease.MonotonicClock;
import dev.ddspatterns.election.ledger.FencedLedger;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The election's clocks, the leader's ledger and the announcements of released leases.
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
	LeaseReleases leaseReleases(RedisConnectionFactory connections) {
		return new LeaseReleases(connections);
	}

	@Bean
	FencedLedger leaderLedger(StringRedisTemplate redis, Clock clock, MeterRegistry meters) {
		return new FencedLedger(redis, "leader", clock, meters);
	}

}
