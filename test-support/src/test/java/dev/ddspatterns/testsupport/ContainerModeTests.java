package dev.ddspatterns.testsupport;

import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class ContainerModeTests {

	@Test
	void missingEngineFailsWithAMessageThatSaysWhatToDo() {
		assertThatIllegalStateException().isThrownBy(() -> ContainerEngine.require(() -> false))
			.withMessageContaining("-Dtest.infra=containers")
			.withMessageContaining("no container engine is reachable")
			.withMessageContaining("DOCKER_HOST");
	}

	@Test
	void reachableEnginePassesTheGuard() {
		ContainerEngine.require(() -> true);
	}

	@Test
	void containerModeFailsTheTestClassInsteadOfSkippingItWhenNoEngineIsReachable() {
		EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
			.configurationParameter(InfrastructureMode.PROPERTY, "containers")
			.selectors(selectClass(NeedsRedisInContainers.class))
			.execute();
		assertThat(results.containerEvents().skipped().count()).isZero();
		assertThat(results.testEvents().skipped().count()).isZero();
		if (DockerClientFactory.instance().isDockerAvailable()) {
			results.testEvents().assertStatistics((stats) -> stats.succeeded(1).failed(0));
		}
		else {
			assertThat(results.testEvents().started().count()).isZero();
			assertThat(results.containerEvents().failed().stream()).singleElement()
				.satisfies((event) -> assertThat(event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
					.flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
					.orElseThrow()).hasMessageContaining("no container engine is reachable"));
		}
	}

	static class NeedsRedisInContainers {

		@RegisterExtension
		static final RedisServers redis = RedisServers.single();

		@Test
		void answers() {
			assertThat(redis.server().port()).isPositive();
		}

	}

}
