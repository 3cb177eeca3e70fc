package dev.ddspatterns.service.faults;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Serves the app's {@link FaultSwitch} beans at {@code /v1/faults} when
 * {@code suite.faults.enabled}; without it the path does not exist (404).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(FaultSwitchProperties.class)
public class FaultSwitchAutoConfiguration {

	@Bean
	@ConditionalOnProperty(name = "suite.faults.enabled", havingValue = "true")
	FaultSwitchController faultSwitchController(List<FaultSwitch> switches, FaultSwitchProperties properties) {
		return new FaultSwitchController(switches, properties);
	}

}
