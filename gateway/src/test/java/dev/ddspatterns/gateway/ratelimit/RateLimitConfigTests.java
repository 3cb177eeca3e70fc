package dev.ddspatterns.gateway.ratelimit;

import java.util.Map;

import dev.ddspatterns.gateway.ratelimit.RateLimitGatewayFilterFactory.Config;
import dev.ddspatterns.gateway.ratelimit.TokenBucket.Limit;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The filter's {@code args} bind the way the gateway binds them from
 * {@code application.yml} ({@code method-costs.POST: 10} arrives flattened), and a limit
 * that cannot work is refused when the route is loaded, not on the first request.
 */
class RateLimitConfigTests {

	final RateLimitGatewayFilterFactory factory = new RateLimitGatewayFilterFactory(null, null, null, null, null);

	final ConfigurationService configuration = new ConfigurationService(null,
			ApplicationConversionService::getSharedInstance, () -> null);

	@Test
	void aMethodWithACostOfItsOwnPaysItAndEveryOtherPaysRequestedTokens() {
		Config config = bind(Map.of("replenish-rate", "20", "burst-capacity", "100", "requested-tokens", "2",
				"method-costs.POST", "10", "method-costs.delete", "5"));
		assertThat(config.methodCosts())
			.containsExactlyInAnyOrderEntriesOf(Map.of(RequestMethod.POST, 10, RequestMethod.DELETE, 5));
		assertThat(config.methodLimits()).containsExactlyInAnyOrderEntriesOf(
				Map.of(HttpMethod.POST, new Limit(20, 100, 10), HttpMethod.DELETE, new Limit(20, 100, 5)));
		assertThat(config.limit()).as("GET and the rest").isEqualTo(new Limit(20, 100, 2));
	}

	@Test
	void withoutMethodCostsEveryRequestPaysRequestedTokens() {
		Config config = bind(Map.of("replenish-rate", "10", "burst-capacity", "20"));
		assertThat(config.methodLimits()).isEmpty();
		assertThat(config.limit()).isEqualTo(new Limit(10, 20, 1));
	}

	@Test
	void refusesAMethodCostAboveTheBurstCapacity() {
		assertThatException()
			.isThrownBy(() -> bind(Map.of("replenish-rate", "1", "burst-capacity", "10", "method-costs.POST", "11")))
			.withStackTraceContaining("requested-tokens (11) above burst-capacity (10) would refuse every request");
	}

	@Test
	void refusesAMethodCostBelowOne() {
		assertThatException()
			.isThrownBy(() -> bind(Map.of("replenish-rate", "1", "burst-capacity", "10", "method-costs.GET", "0")))
			.withStackTraceContaining("must be at least 1");
	}

	@Test
	void refusesAMethodThatDoesNotExist() {
		assertThatException()
			.isThrownBy(() -> bind(Map.of("replenish-rate", "1", "burst-capacity", "10", "method-costs.UPLOAD", "5")))
			.withStackTraceContaining("UPLOAD");
	}

	private Config bind(Map<String, String> args) {
		return this.configuration.with(this.factory).name("RateLimit").properties(args).bind();
	}

}
