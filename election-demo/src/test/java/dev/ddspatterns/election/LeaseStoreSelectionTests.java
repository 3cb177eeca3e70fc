package dev.ddspatterns.election;

import dev.ddspatterns.election.lease.EtcdLeases;
import dev.ddspatterns.election.lease.LeaseReleases;
import dev.ddspatterns.election.lease.LeaseStore;
import dev.ddspatterns.election.lease.RedisLeases;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code suite.election.store} picks the lease store; nothing connects until used. */
class LeaseStoreSelectionTests {

	private final LettuceConnectionFactory redis = new LettuceConnectionFactory("127.0.0.1", 1);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
		.withUserConfiguration(Properties.class, ElectionConfiguration.class)
		.withBean(RedisConnectionFactory.class, () -> this.redis)
		.withBean(StringRedisTemplate.class, () -> new StringRedisTemplate(this.redis))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void redisHoldsTheLeasesByDefault() {
		this.runner.run((context) -> {
			assertThat(context).getBean(LeaseStore.class).isInstanceOf(RedisLeases.class);
			assertThat(context).hasSingleBean(LeaseReleases.class).doesNotHaveBean(Client.class);
		});
	}

	@Test
	void etcdHoldsThemWhenSelected() {
		this.runner.withPropertyValues("suite.election.store=etcd", "suite.election.etcd.endpoints=http://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).getBean(LeaseStore.class).isInstanceOf(EtcdLeases.class);
				assertThat(context).hasSingleBean(Client.class).doesNotHaveBean(LeaseReleases.class);
			});
	}

	@Test
	void aTtlEtcdCannotCountIsRefusedAtStartup() {
		this.runner.withPropertyValues("suite.election.store=etcd", "suite.election.lease-ttl=1500ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must be whole seconds with suite.election.store=etcd"));
	}

	@Test
	void anUnknownStoreIsRefusedAtStartup() {
		this.runner.withPropertyValues("suite.election.store=zookeeper")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ElectionProperties.class)
	static class Properties {

	}

}
