package dev.ddspatterns.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import dev.ddspatterns.gateway.ratelimit.RateLimitProperties.ApiKey;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class CallerKeyResolverTests {

	private final CallerKeyResolver resolver = new CallerKeyResolver(new CallerKeys("X-API-Key",
			new ApiKeys(List.of(new ApiKey("partner", CallerKeysTests.S3CRET_KEY_SHA256))), List.of()));

	@Test
	void theStockLimiterCountsTheCallersTheSuitesLimiterCounts() {
		assertThat(key(from("203.0.113.7").header("X-API-Key", "s3cret-key"))).isEqualTo("key:partner");
		assertThat(key(from("203.0.113.7"))).isEqualTo("ip:203.0.113.7");
	}

	@Test
	void anUnregisteredKeyResolvesToNoKeySoTheStockLimiterRefusesIt() {
		assertThat(key(from("203.0.113.7").header("X-API-Key", "invented"))).isNull();
	}

	private String key(MockServerHttpRequest.BaseBuilder<?> request) {
		return this.resolver.resolve(MockServerWebExchange.from(request)).block();
	}

	private static MockServerHttpRequest.BaseBuilder<?> from(String address) {
		return MockServerHttpRequest.get("/api/v1/cache/k")
			.remoteAddress(new InetSocketAddress(IpRange.parse(address), 40000));
	}

}
