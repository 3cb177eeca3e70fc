package dev.ddspatterns.search.leaf.faults;

import java.util.Random;

import dev.ddspatterns.search.leaf.SearchLeafProperties;
import dev.ddspatterns.service.faults.FaultSwitch;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts fault injection in front of the search endpoints; it does nothing by default. The
 * switches exist always; they can be turned on only through {@code /v1/faults}, which
 * exists only when {@code suite.faults.enabled}.
 */
@Configuration(proxyBeanMethods = false)
class FaultsConfiguration implements WebMvcConfigurer {

	/** After the metrics interceptor, so injected delays and failures are measured. */
	static final int FAULTS_ORDER = 10;

	private final SearchLeafProperties.Faults faults;

	private final LeafFaultSwitches switches;

	FaultsConfiguration(SearchLeafProperties properties) {
		this.faults = properties.faults();
		this.switches = LeafFaultSwitches.of(this.faults.delay());
	}

	@Bean
	FaultSwitch leafFreeze() {
		return this.switches.freeze();
	}

	@Bean
	FaultSwitch leafSlow() {
		return this.switches.slow();
	}

	@Bean
	FaultSwitch leafFail() {
		return this.switches.fail();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// java.util.Random, unlike most generators, is safe to share between threads.
		Random random = (this.faults.seed() != null) ? new Random(this.faults.seed()) : new Random();
		registry.addInterceptor(new FaultInjectionInterceptor(this.faults, this.switches, random))
			.addPathPatterns("/v1/search", "/v1/stats")
			.order(FAULTS_ORDER);
	}

}
