package dev.ddspatterns.search.root;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of search-root, prefix {@code suite.search}.
 *
 * @param shards the leaf shards in shard order; shard {@code i} is the leaf configured as
 * shard {@code i} of {@code shards.size()}
 * @param deadline how long a query may take end to end; what has not arrived by then is
 * reported missing
 * @param dfs whether to collect term statistics from every shard first, so scores are
 * those of one big index (one more round trip)
 * @param maxK the largest {@code k} a client may ask for
 * @param hedging hedged requests against stragglers
 */
@ConfigurationProperties("suite.search")
@Validated
public record SearchRootProperties(@NotEmpty List<@Valid Shard> shards, @DefaultValue("1s") Duration deadline,
		@DefaultValue("true") boolean dfs, @DefaultValue("100") @Min(1) @Max(1000) int maxK,
		@DefaultValue @Valid Hedging hedging) {

	/**
	 * One shard.
	 *
	 * @param replicas the leaves that hold this shard; any of them can answer
	 */
	public record Shard(@NotEmpty List<URI> replicas) {
	}

	/**
	 * Hedged requests: when a shard has not answered within its recent p95 latency, the
	 * same request goes to another replica and the first answer wins.
	 *
	 * @param enabled whether to hedge at all
	 * @param percentile the latency percentile after which to hedge
	 * @param initialDelay the hedge delay until enough latencies have been seen
	 * @param minDelay never hedge sooner than this
	 * @param budget the most extra leaf requests hedging may add, as a fraction of leaf
	 * requests
	 */
	public record Hedging(@DefaultValue("true") boolean enabled,
			@DefaultValue("0.95") @DecimalMin("0.5") @DecimalMax("0.999") double percentile,
			@DefaultValue("50ms") Duration initialDelay, @DefaultValue("2ms") Duration minDelay,
			@DefaultValue("0.05") @DecimalMin("0") @DecimalMax("1") double budget) {
	}

}
