package dev.ddspatterns.console;

import java.time.Clock;

import dev.ddspatterns.console.panels.Snapshots;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the console's reading of the services.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

	@Bean(destroyMethod = "close")
	Snapshots snapshots(ConsoleProperties properties) {
		return new Snapshots(properties, Clock.systemUTC());
	}

}
