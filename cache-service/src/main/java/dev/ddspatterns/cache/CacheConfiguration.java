package dev.ddspatterns.cache;

import java.time.Clock;

import dev.ddspatterns.cache.hotkeys.HotKeyDetector;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock and the hot-key detector. */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	HotKeyDetector hotKeyDetector(CacheProperties properties, Clock clock) {
		CacheProperties.HotKeys hotKeys = properties.hotKeys();
		return new HotKeyDetector(clock, hotKeys.window(), hotKeys.threshold(), hotKeys.tracked());
	}

}
