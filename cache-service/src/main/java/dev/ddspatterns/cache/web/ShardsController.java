package dev.ddspatterns.cache.web;

import java.util.List;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.shards.RedisShard;
import dev.ddspatterns.cache.shards.Resharding;
import dev.ddspatterns.cache.shards.Resharding.ReshardReport;
import dev.ddspatterns.cache.shards.ShardRouter;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shard layout, made visible and changeable: list the shards with their key counts
 * (read from Redis), locate the shard of a key, and add or remove a shard at run time.
 */
@RestController
@RequestMapping("/v1/shards")
class ShardsController {

	private final ShardRouter router;

	private final Resharding resharding;

	private final CacheProperties properties;

	ShardsController(ShardRouter router, Resharding resharding, CacheProperties properties) {
		this.router = router;
		this.resharding = resharding;
		this.properties = properties;
	}

	@GetMapping
	ShardListing list() {
		List<ShardListing.Shard> shards = this.router.shards().stream().map(ShardsController::describe).toList();
		return new ShardListing(this.properties.keySelection().name(), shards);
	}

	@GetMapping("/locate/{key}")
	Location locate(@PathVariable String key) {
		String problem = CacheKeys.problemWith(key, this.properties.maxKeyLength());
		if (problem != null) {
			throw CacheProblems.invalid(problem);
		}
		return new Location(key, this.router.shardKey(key), this.router.shardFor(key).name());
	}

	@PostMapping
	ReshardReport add(@Valid @RequestBody CacheProperties.Shard shard) {
		try {
			return this.resharding.addShard(shard);
		}
		catch (IllegalArgumentException ex) {
			throw CacheProblems.conflict(ex.getMessage());
		}
	}

	@DeleteMapping("/{name}")
	ReshardReport remove(@PathVariable String name) {
		try {
			return this.resharding.removeShard(name);
		}
		catch (java.util.NoSuchElementException ex) {
			throw CacheProblems.noShard(name);
		}
		catch (IllegalStateException ex) {
			throw CacheProblems.conflict(ex.getMessage());
		}
	}

	private static ShardListing.Shard describe(RedisShard shard) {
		Long keys;
		try {
			keys = shard.keyCount();
		}
		catch (RuntimeException unavailable) {
			keys = null;
		}
		return new ShardListing.Shard(shard.name(), keys, shard.nodes());
	}

	/**
	 * The shard layout.
	 *
	 * @param keySelection how keys are mapped to what the ring hashes
	 * @param shards the shards
	 */
	record ShardListing(String keySelection, List<Shard> shards) {

		/**
		 * @param name the shard's name
		 * @param keys keys it holds, or {@code null} if no server of it answers
		 * @param nodes its servers
		 */
		record Shard(String name, Long keys, List<RedisShard.ShardNodeStatus> nodes) {
		}

	}

	/**
	 * Where a key lives.
	 *
	 * @param key the key
	 * @param shardKey the part of it the ring hashes
	 * @param shard the owning shard
	 */
	record Location(String key, String shardKey, String shard) {
	}

}
