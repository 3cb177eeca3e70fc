package dev.ddspatterns.gateway.decorator;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code RequestDefaults}: fills default fields into the JSON bodies a route's backend
 * receives.
 *
 * <pre>
 * filters:
 *   - name: RequestDefaults
 *     args:
 *       max-body-size: 64KB
 *       defaults: { width: 320, format: jpeg }
 * </pre>
 *
 * Public because the gateway creates it by name from {@code application.yml}. Spring
 * Cloud Gateway's {@code ModifyRequestBody} is not used: its only size limit is the
 * global codec buffer, whose overflow ends up as a 500, and it reads every body before
 * anyone can look at the content type (see {@code docs/patterns/decorator.md}).
 */
@Component
public class RequestDefaultsGatewayFilterFactory
		extends AbstractGatewayFilterFactory<RequestDefaultsGatewayFilterFactory.Config> {

	private final JsonMapper json;

	RequestDefaultsGatewayFilterFactory(JsonMapper json) {
		super(Config.class);
		this.json = json;
	}

	@Override
	public GatewayFilter apply(Config config) {
		long maxBodyBytes = config.getMaxBodySize().toBytes();
		Assert.isTrue(maxBodyBytes > 0 && maxBodyBytes <= Integer.MAX_VALUE,
				"max-body-size must be between 1B and 2GB");
		return new RequestDefaultsFilter(JsonDefaults.of(config.getDefaults(), this.json), (int) maxBodyBytes);
	}

	/** A route's defaults and body limit. */
	@Validated
	public static class Config {

		/**
		 * Top-level fields to add when a body lacks them; values are read as JSON when
		 * they are JSON ({@code 320}, {@code true}), as strings otherwise.
		 */
		@NotEmpty
		private Map<String, String> defaults = new LinkedHashMap<>();

		/** Larger JSON bodies are refused with 413 before they reach the backend. */
		@NotNull
		private DataSize maxBodySize = DataSize.ofKilobytes(64);

		public Map<String, String> getDefaults() {
			return this.defaults;
		}

		public void setDefaults(Map<String, String> defaults) {
			this.defaults = defaults;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

	}

}
