package dev.ddspatterns.gateway.caching;

import java.net.URI;
import java.util.Map;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.stereotype.Component;

/**
 * A second caching layer, shared by every gateway replica: with
 * {@code suite.gateway.search.through-cache=true} the {@code search} route goes to
 * cache-service's read-through endpoint ({@code /v1/cached/search/v1/search?q=…}), which
 * answers from the sharded Redis cache and asks search-root only on a miss. The gateway's
 * own response cache stays in front of it, per replica.
 *
 * <p>
 * Off by default, so the route in {@code application.yml} is what runs; this rewrites
 * that one route's target once its properties are bound, and nothing else.
 */
@Component
@ConditionalOnBooleanProperty("suite.gateway.search.through-cache")
class ReadThroughSearchRoute implements BeanPostProcessor {

	static final String ROUTE = "search";

	static final URI CACHE_SERVICE = URI.create("lb://cache-service");

	/** cache-service's read-through path for its {@code search} origin. */
	static final String READ_THROUGH_PATH = "/v1/cached/search/v1/search";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof GatewayProperties gateway) {
			gateway.getRoutes().stream().filter((route) -> ROUTE.equals(route.getId())).forEach(this::throughCache);
		}
		return bean;
	}

	private void throughCache(RouteDefinition route) {
		route.setUri(CACHE_SERVICE);
		for (FilterDefinition filter : route.getFilters()) {
			if ("RewritePath".equals(filter.getName())) {
				filter.setArgs(Map.of("regexp", "/api/v1/search", "replacement", READ_THROUGH_PATH));
			}
		}
	}

}
