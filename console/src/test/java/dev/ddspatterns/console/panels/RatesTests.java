package dev.ddspatterns.console.panels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatesTests {

	private Instant now = Instant.parse("2026-12-08T00:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return RatesTests.this.now;
		}

	};

	@Test
	void aCountersGrowthIsDividedByTheTimeBetweenReadings() {
		Rates rates = new Rates(this.clock);
		assertThat(rates.perSecond("requests", Map.of("cache", 100.0))).as("nothing to compare with yet").isEmpty();
		this.now = this.now.plus(Duration.ofSeconds(2));
		assertThat(rates.perSecond("requests", Map.of("cache", 130.0, "search", 4.0)))
			.isEqualTo(Map.of("cache", 15.0, "search", 2.0));
	}

	@Test
	void aCounterThatWentDownRestartedFromZero() {
		Rates rates = new Rates(this.clock);
		rates.perSecond("requests", Map.of("cache", 100.0));
		this.now = this.now.plus(Duration.ofSeconds(1));
		assertThat(rates.perSecond("requests", Map.of("cache", 3.0))).isEqualTo(Map.of("cache", 3.0));
	}

}
