package dev.ddspatterns.cache;

import java.time.Clock;

import dev.ddspatterns.cache.hotkeys.HotKeyDetector;
import dev.ddspatterns.cache.hotkeys.NearCache;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock, the hot-key detector and the near cache. */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	NearCache<StoredValue.Read> nearCache(CacheProperties properties) {
		return new NearCache<>(properties.hotKeys().nearCacheTtl(), properties.hotKeys().nearCacheSize());
	}

	@Bean
	HotKeyDetector hotKeyDetector(CacheProperties properties, Clock clock) {
		CacheProperties.HotKeys hotKeys = properties.hotKeys();
		return new HotKeyDetector(clock, hotKeys.window(), hotKeys.threshold(), hotKeys.tracked());
	}

}
