package dev.ddspatterns.gateway.splitting;

import java.net.URI;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.cloud.gateway.support.ConfigurationService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The filter's {@code args} bind the way the gateway binds them from
 * {@code application.yml} (nested keys arrive flattened, {@code variants.v2.uri}), and a
 * split that cannot work is refused when the route is loaded, not on the first request.
 */
class RequestSplitConfigTests {

	final RequestSplitGatewayFilterFactory factory = new RequestSplitGatewayFilterFactory(new SimpleMeterRegistry());

	final ConfigurationService configuration = new ConfigurationService(null,
			ApplicationConversionService::getSharedInstance, () -> null);

	@Test
	void bindsVariantsWithAndWithoutTheirOwnUri() {
		RequestSplitGatewayFilterFactory.Config config = bind(Map.of("experiment", "search-v2", "variants.v1.weight",
				"90", "variants.v2.weight", "10", "variants.v2.uri", "lb://search-root-v2"));
		assertThat(config.experiment()).isEqualTo("search-v2");
		assertThat(config.variants()).containsOnlyKeys("v1", "v2");
		assertThat(config.variants().get("v1").uri()).isNull();
		assertThat(config.variants().get("v2").uri()).isEqualTo(URI.create("lb://search-root-v2"));
		assertThat(config.weights()).containsExactlyInAnyOrderEntriesOf(Map.of("v1", 90, "v2", 10));
	}

	@Test
	void refusesASplitWithoutAnExperimentName() {
		assertThatException().isThrownBy(() -> bind(Map.of("variants.v1.weight", "90", "variants.v2.weight", "10")))
			.withStackTraceContaining("needs an experiment name");
	}

	@Test
	void refusesASingleVariant() {
		assertThatException().isThrownBy(() -> bind(Map.of("experiment", "x", "variants.v1.weight", "90")))
			.withStackTraceContaining("needs at least two variants");
	}

	@Test
	void refusesAVariantWithoutWeight() {
		assertThatException()
			.isThrownBy(() -> bind(Map.of("experiment", "x", "variants.v1.weight", "90", "variants.v2.uri", "lb://b")))
			.withStackTraceContaining("Variant 'v2' of experiment 'x' needs a weight of at least 1, not 0");
	}

	private RequestSplitGatewayFilterFactory.Config bind(Map<String, String> args) {
		return this.configuration.with(this.factory).name("RequestSplit").properties(args).bind();
	}

}
