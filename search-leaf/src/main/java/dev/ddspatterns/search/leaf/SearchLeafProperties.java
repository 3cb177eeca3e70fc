package dev.ddspatterns.search.leaf;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of search-leaf, prefix {@code suite.search.leaf}.
 *
 * @param shardIndex Which shard of the corpus this leaf serves, from 0 to shard-count -
 * 1.
 * @param shardCount How many shards the corpus is split into; 1 serves the whole corpus.
 * @param corpus Directory the corpus is read from, recursively (*.jsonl, *.txt, *.md),
 * and polled for changes. When not set, the corpus shipped in the jar is served, without
 * reloading.
 * @param reloadInterval How often the corpus directory is checked for changes.
 * @param faults Failures and delays injected into the search endpoints, off by default.
 */
@ConfigurationProperties("suite.search.leaf")
@Validated
public record SearchLeafProperties(@DefaultValue("0") @Min(0) int shardIndex,
		@DefaultValue("1") @Min(1) @Max(1024) int shardCount, @Nullable Path corpus,
		@DefaultValue("2s") Duration reloadInterval, @DefaultValue @Valid Faults faults) {

	@AssertTrue(message = "shard-index must be below shard-count")
	boolean isShardIndexBelowShardCount() {
		return this.shardIndex < this.shardCount;
	}

	@AssertTrue(message = "reload-interval must be positive")
	boolean isReloadIntervalPositive() {
		return this.reloadInterval.isPositive();
	}

	/**
	 * Faults injected into {@code /v1/search} and {@code /v1/stats}, so a scatter/gather
	 * root can be shown coping with a slow or failing leaf.
	 *
	 * @param delay How long a delayed request waits before it is served.
	 * @param delayFraction Fraction of requests, from 0 to 1, that are delayed.
	 * @param failureRate Fraction of requests, from 0 to 1, answered with 503.
	 * @param seed Seed of the random draws, for repeatable runs; random when not set.
	 */
	public record Faults(@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double delayFraction,
			@DefaultValue("500ms") Duration delay,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double failureRate, @Nullable Long seed) {

		@AssertTrue(message = "delay must not be negative")
		boolean isDelayNotNegative() {
			return !this.delay.isNegative();
		}

	}

}
