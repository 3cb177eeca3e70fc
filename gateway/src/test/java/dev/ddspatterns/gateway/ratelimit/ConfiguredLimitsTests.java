package dev.ddspatterns.gateway.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.gateway.ratelimit.RateLimitGatewayFilterFactory.Config;
import dev.ddspatterns.gateway.ratelimit.RateLimitProperties.FailureMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.bind.annotation.RequestMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits in the gateway's own application.yml bind the way the gateway binds them, so
 * a typo there fails this test rather than a deployment.
 */
class ConfiguredLimitsTests {

	private static Binder applicationYml;

	@BeforeAll
	static void load() throws IOException {
		applicationYml = new Binder(ConfigurationPropertySources
			.from(new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))));
	}

	@Test
	void globalSettingsFailOpenWithAShortTimeoutAndTrustNoProxyAndNoKey() {
		RateLimitProperties properties = applicationYml.bindOrCreate("suite.gateway.rate-limit",
				RateLimitProperties.class);
		assertThat(properties.failureMode()).isEqualTo(FailureMode.FAIL_OPEN);
		assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(100));
		assertThat(properties.trustedProxies()).isEmpty();
		assertThat(properties.apiKeys()).as("no key ships with the gateway: a deployment registers its own").isEmpty();
	}

	@Test
	void everyPublicRouteButTheElectionIsLimitedBeforeAnyOtherFilterRuns() {
		List<RouteDefinition> routes = applicationYml
			.bind("spring.cloud.gateway.server.webflux.routes", Bindable.listOf(RouteDefinition.class))
			.get();
		Map<String, Config> limits = new LinkedHashMap<>();
		for (RouteDefinition route : routes) {
			List<FilterDefinition> filters = route.getFilters();
			for (int i = 0; i < filters.size(); i++) {
				if (filters.get(i).getName().equals("RateLimit")) {
					assertThat(i).as("RateLimit is the first filter of route %s", route.getId()).isZero();
					limits.put(route.getId(), bind(filters.get(i)));
				}
			}
		}
		assertThat(limits).containsOnlyKeys("cache", "search", "search-experiment", "jobs")
			.containsEntry("search", new Config(10, 20, 1, null, Map.of(), 0))
			.containsEntry("search-experiment", new Config(10, 20, 1, null, Map.of(), 0))
			.containsEntry("cache", new Config(100, 200, 1, null, Map.of(), 10))
			.containsEntry("jobs", new Config(20, 100, 1, null, Map.of(RequestMethod.POST, 10), 0));
	}

	/** As the gateway does when it loads a route. */
	private static Config bind(FilterDefinition filter) {
		ConfigurationService configurations = new ConfigurationService(new DefaultListableBeanFactory(),
				ApplicationConversionService::getSharedInstance, () -> null);
		RateLimitGatewayFilterFactory factory = new RateLimitGatewayFilterFactory(null, null, null, null, null);
		return configurations.with(factory).name(filter.getName()).properties(filter.getArgs()).bind();
	}

}
