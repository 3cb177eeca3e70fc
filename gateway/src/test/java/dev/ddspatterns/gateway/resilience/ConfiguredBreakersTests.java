package dev.ddspatterns.gateway.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerResilience4JFilterFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route in the gateway's own {@code application.yml} has a circuit breaker with a
 * time limit of its own and, inside it, a retry for idempotent methods only, bound the
 * way the gateway binds them. A route added without them fails here rather than in
 * production.
 */
class ConfiguredBreakersTests {

	private static Binder applicationYml;

	private static List<RouteDefinition> routes;

	@BeforeAll
	static void load() throws IOException {
		applicationYml = new Binder(ConfigurationPropertySources
			.from(new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))));
		routes = applicationYml
			.bind("spring.cloud.gateway.server.webflux.routes", Bindable.listOf(RouteDefinition.class))
			.get();
	}

	@Test
	void everyRouteHasABreakerNamedAfterItWithRetriesInsideForIdempotentMethodsOnly() {
		assertThat(routes).isNotEmpty().allSatisfy((route) -> {
			List<String> names = route.getFilters().stream().map(FilterDefinition::getName).toList();
			assertThat(names).as(route.getId()).contains("CircuitBreaker", "Retry");
			assertThat(names.indexOf("CircuitBreaker")).as("breaker outside the retry on %s", route.getId())
				.isLessThan(names.indexOf("Retry"));

			SpringCloudCircuitBreakerFilterFactory.Config breaker = bind(
					new SpringCloudCircuitBreakerResilience4JFilterFactory(null, null),
					filter(route, "CircuitBreaker"));
			assertThat(breaker.getName()).as("breaker of %s is named after the route", route.getId()).isNull();
			assertThat(breaker.getStatusCodes()).containsExactlyInAnyOrder("500", "502", "503", "504");

			RetryConfig retry = bind(new RetryGatewayFilterFactory(), filter(route, "Retry"));
			assertThat(retry.getMethods()).as("retried methods on %s", route.getId())
				.containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.HEAD);
		});
	}

	@Test
	void everyRouteHasItsOwnBreakerAndTimeLimitAndNoHiddenBulkhead() {
		assertThat(routes).allSatisfy((route) -> {
			assertThat(
					applicationYml.bind("resilience4j.circuitbreaker.instances." + route.getId(), Map.class).isBound())
				.as("breaker instance for %s", route.getId())
				.isTrue();
			assertThat(applicationYml
				.bind("resilience4j.timelimiter.instances." + route.getId() + ".timeout-duration", Duration.class)
				.isBound()).as("time limit for %s", route.getId()).isTrue();
		});
		assertThat(applicationYml.bind("spring.cloud.circuitbreaker.bulkhead.resilience4j.enabled", Boolean.class)
			.orElse(true)).isFalse();
	}

	private static FilterDefinition filter(RouteDefinition route, String name) {
		return route.getFilters().stream().filter((filter) -> filter.getName().equals(name)).findFirst().orElseThrow();
	}

	/** As the gateway does when it loads a route. */
	private static <C> C bind(AbstractGatewayFilterFactory<C> factory, FilterDefinition filter) {
		ConfigurationService configurations = new ConfigurationService(new DefaultListableBeanFactory(),
				ApplicationConversionService::getSharedInstance, () -> null);
		return configurations.with(factory).name(filter.getName()).properties(filter.getArgs()).bind();
	}

}
