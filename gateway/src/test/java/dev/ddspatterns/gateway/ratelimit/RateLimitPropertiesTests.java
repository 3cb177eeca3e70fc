package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;

import dev.ddspatterns.gateway.ratelimit.RateLimitProperties.FailureMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaultsFailOpenWithAShortTimeoutAndTrustNoProxy() {
		this.contexts.run((context) -> {
			RateLimitProperties properties = context.getBean(RateLimitProperties.class);
			assertThat(properties.failureMode()).isEqualTo(FailureMode.FAIL_OPEN);
			assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(100));
			assertThat(properties.trustedProxies()).isEmpty();
			assertThat(properties.apiKeyHeader()).isEqualTo("X-API-Key");
			assertThat(properties.unavailableRetryAfter()).isEqualTo(Duration.ofSeconds(5));
		});
	}

	@Test
	void failClosedAndTrustedProxiesBindFromTheirConfiguredForms() {
		this.contexts
			.withPropertyValues("suite.gateway.rate-limit.failure-mode=fail-closed",
					"suite.gateway.rate-limit.trusted-proxies=10.0.0.0/8, 192.168.1.1, fd00::/8")
			.run((context) -> {
				RateLimitProperties properties = context.getBean(RateLimitProperties.class);
				assertThat(properties.failureMode()).isEqualTo(FailureMode.FAIL_CLOSED);
				assertThat(properties.trustedProxies()).hasToString("[10.0.0.0/8, 192.168.1.1, fd00::/8]");
			});
	}

	@Test
	void aTrustedProxyThatIsNotAnAddressStopsStartUp() {
		this.contexts.withPropertyValues("suite.gateway.rate-limit.trusted-proxies=proxy.internal")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'proxy.internal' is not an IP address or CIDR block"));
	}

	@Test
	void aTimeoutOfZeroStopsStartUp() {
		this.contexts.withPropertyValues("suite.gateway.rate-limit.timeout=0ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("timeout must be positive"));
	}

	@Test
	void anUnknownFailureModeStopsStartUp() {
		this.contexts.withPropertyValues("suite.gateway.rate-limit.failure-mode=fail-sometimes")
			.run((context) -> assertThat(context).hasFailed());
	}

	@EnableConfigurationProperties(RateLimitProperties.class)
	static class PropertiesOnly {

	}

}
