package dev.ddspatterns.cache;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of cache-service, prefix {@code suite.cache}.
 *
 * @param shards the Redis shards at start-up, each a primary with replicas
 * @param keySelection which part of a key chooses its shard
 * @param readFrom where reads go first
 * @param commandTimeout how long one Redis command may take before the shard counts as
 * failing
 * @param maxKeyLength longest accepted key, in characters
 * @param maxValueSize largest accepted value
 * @param defaultTtl time to live of a value stored without one
 * @param maxTtl longest accepted time to live
 * @param breaker circuit breaker settings, one breaker per Redis server
 * @param hotKeys hot-key detection and near-cache settings
 * @param origins backends the read-through route may fetch from, by name
 * @param shardMap where the shard map all replicas share lives, and how replicas follow
 * it
 */
@ConfigurationProperties("suite.cache")
@Validated
public record CacheProperties(@NotEmpty List<@Valid Shard> shards, @DefaultValue("whole-key") KeySelection keySelection,
		@DefaultValue("primary") ReadFrom readFrom, @DefaultValue("250ms") Duration commandTimeout,
		@DefaultValue("256") @Min(1) @Max(4096) int maxKeyLength, @DefaultValue("1MB") DataSize maxValueSize,
		@DefaultValue("1h") Duration defaultTtl, @DefaultValue("30d") Duration maxTtl,
		@DefaultValue @Valid Breaker breaker, @DefaultValue @Valid HotKeys hotKeys, Map<String, @Valid Origin> origins,
		@DefaultValue @Valid SharedMap shardMap) {

	public CacheProperties {
		origins = (origins != null) ? Map.copyOf(origins) : Map.of();
	}

	/**
	 * @return the Redis server that holds the shared shard map
	 */
	public URI shardMapServer() {
		return (this.shardMap.uri() != null) ? this.shardMap.uri() : this.shards.get(0).primary();
	}

	@AssertTrue(message = "shard names must be unique")
	boolean isEachShardNamedOnce() {
		return this.shards == null || this.shards.stream().map(Shard::name).distinct().count() == this.shards.size();
	}

	@AssertTrue(message = "default-ttl must be positive and no longer than max-ttl")
	boolean isDefaultTtlWithinMax() {
		return this.defaultTtl.isPositive() && this.defaultTtl.compareTo(this.maxTtl) <= 0;
	}

	/**
	 * One shard.
	 *
	 * @param name a stable name; the ring hashes it, so renaming a shard moves its keys
	 * @param primary the server that takes writes, {@code redis://host:port}
	 * @param replicas servers that follow the primary and can serve reads
	 */
	public record Shard(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,40}") String name, @NotNull URI primary,
			List<URI> replicas) {

		public Shard {
			replicas = (replicas != null) ? List.copyOf(replicas) : List.of();
		}

	}

	/** Which part of a key the sharding function sees. */
	public enum KeySelection {

		/** The whole key. */
		WHOLE_KEY,

		/**
		 * Only the part between the first <code>{</code> and the next <code>}</code>,
		 * when not empty, as in Redis Cluster: {@code {user42}:cart} and
		 * {@code {user42}:profile} land on one shard.
		 */
		HASH_TAG

	}

	/** Where reads go first. */
	public enum ReadFrom {

		/** The primary; a replica only when the primary fails. */
		PRIMARY,

		/** A replica; the primary when no replica answers. */
		REPLICA_PREFERRED

	}

	/**
	 * Circuit breaker settings.
	 *
	 * @param failureRateThreshold percentage of failed calls that opens the breaker
	 * @param slidingWindowSize calls the failure rate is computed over
	 * @param minimumCalls calls needed before the rate counts
	 * @param waitInOpenState how long an open breaker fails fast before trying again
	 */
	public record Breaker(@DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
			@DefaultValue("10") @Min(1) int slidingWindowSize, @DefaultValue("5") @Min(1) int minimumCalls,
			@DefaultValue("2s") Duration waitInOpenState) {
	}

	/**
	 * Hot-key detection and the near cache that absorbs hot keys.
	 *
	 * @param window the sliding window reads are counted over
	 * @param threshold reads of one key within a window that make it hot
	 * @param nearCacheTtl how long a hot value is served from memory without asking Redis
	 * @param nearCacheSize the most values the near cache holds
	 * @param tracked the most hot keys listed at once
	 */
	public record HotKeys(@DefaultValue("10s") Duration window, @DefaultValue("50") @Min(2) int threshold,
			@DefaultValue("2s") Duration nearCacheTtl, @DefaultValue("1000") @Min(1) int nearCacheSize,
			@DefaultValue("20") @Min(1) int tracked) {
	}

	/**
	 * The shard map every replica routes by, kept on one Redis server. The configured
	 * {@code shards} only seed it: the first replica to start stores them as epoch 1, and
	 * every replica, including one started later, routes by the stored map from then on.
	 *
	 * @param uri the Redis server that holds it, {@code redis://host:port}; the first
	 * configured shard's primary when not set. It stays the map's home even if that shard
	 * leaves the ring.
	 * @param pollInterval how often a replica reads the map even without an announcement
	 * of a change
	 * @param driverLease how long the replica changing the map may go without renewing
	 * its lease before another replica takes its migration over
	 * @param catchUpTimeout how long a request refused by a shard fenced with a newer map
	 * waits for this replica to read that map before it answers 503
	 */
	public record SharedMap(URI uri, @DefaultValue("1s") Duration pollInterval,
			@DefaultValue("5s") Duration driverLease, @DefaultValue("2s") Duration catchUpTimeout) {

		@AssertTrue(
				message = "poll-interval, driver-lease and catch-up-timeout must be positive, and driver-lease at least 300ms")
		boolean isTimingSane() {
			return this.pollInterval.isPositive() && this.catchUpTimeout.isPositive()
					&& this.driverLease.toMillis() >= 300;
		}

	}

	/**
	 * A backend the read-through route fronts.
	 *
	 * @param baseUrl where requests go, e.g. {@code http://localhost:8082}
	 * @param ttl how long its responses are cached
	 */
	public record Origin(@NotNull URI baseUrl, @DefaultValue("30s") Duration ttl) {
	}

}
