package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;

import dev.ddspatterns.gateway.ratelimit.RateLimitProperties.ApiKey;
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
			assertThat(properties.apiKeys()).as("no key registered: every key is refused").isEmpty();
		});
	}

	@Test
	void apiKeysBindByNameAndDigest() {
		this.contexts
			.withPropertyValues("suite.gateway.rate-limit.api-keys[0].name=mobile-app",
					"suite.gateway.rate-limit.api-keys[0].sha256=" + ApiKeysTests.ABC_SHA256.toUpperCase())
			.run((context) -> assertThat(context.getBean(RateLimitProperties.class).apiKeys())
				.containsExactly(new ApiKey("mobile-app", ApiKeysTests.ABC_SHA256)));
	}

	@Test
	void aDigestThatIsNotSixtyFourHexDigitsStopsStartUp() {
		this.contexts
			.withPropertyValues("suite.gateway.rate-limit.api-keys[0].name=mobile-app",
					"suite.gateway.rate-limit.api-keys[0].sha256=the-key-itself")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("apiKeys[0].sha256"));
	}

	@Test
	void aNameOrADigestRegisteredTwiceStopsStartUp() {
		String key = "suite.gateway.rate-limit.api-keys";
		this.contexts
			.withPropertyValues(key + "[0].name=app", key + "[0].sha256=" + ApiKeysTests.ABC_SHA256,
					key + "[1].name=app", key + "[1].sha256=" + "0".repeat(64))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("the name 'app' is registered twice"));
		this.contexts
			.withPropertyValues(key + "[0].name=app", key + "[0].sha256=" + ApiKeysTests.ABC_SHA256,
					key + "[1].name=other", key + "[1].sha256=" + ApiKeysTests.ABC_SHA256)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'other' has the same sha256 as another key"));
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
