package dev.ddspatterns.cache.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.shards.RedisShard;
import dev.ddspatterns.cache.shards.Resharding;
import dev.ddspatterns.cache.shards.Resharding.ReshardReport;
import dev.ddspatterns.cache.shards.ReshardingRefused;
import dev.ddspatterns.cache.shards.ShardMap;
import dev.ddspatterns.cache.shards.ShardRouter;
import dev.ddspatterns.service.problem.ProblemType;
import jakarta.validation.Valid;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shard layout, made visible and changeable: the shared shard map (its epoch, the
 * migration under way and which replica routes by which epoch), the shards with their key
 * counts (read from Redis), the shard of a key, and adding or removing a shard at run
 * time through any replica.
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
		ShardMap map = this.router.map();
		List<ShardListing.Shard> shards = this.router.shards()
			.stream()
			.map((shard) -> describe(shard, map.ring().contains(shard.name())))
			.toList();
		return new ShardListing(this.properties.keySelection().name(), map.epoch(), map.migration(),
				this.router.epochsByReplica().orElse(null), shards);
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
		return this.resharding.addShard(shard);
	}

	@DeleteMapping("/{name}")
	ReshardReport remove(@PathVariable String name) {
		return this.resharding.removeShard(name);
	}

	/**
	 * A change that cannot happen now: 409 if it conflicts with the map (a name taken,
	 * the last shard, a migration under way), 404 for a shard that does not exist, 503 if
	 * the map cannot be changed now. {@code reason} says which, in words a client can
	 * switch on.
	 */
	@ExceptionHandler(ReshardingRefused.class)
	ProblemDetail refused(ReshardingRefused ex) {
		ProblemType type = switch (ex.reason()) {
			case SHARD_EXISTS, LAST_SHARD, MIGRATION_RUNNING -> ProblemType.CONFLICT;
			case NO_SUCH_SHARD -> ProblemType.NOT_FOUND;
			case MAP_UNAVAILABLE, TAKEN_OVER -> ProblemType.UNAVAILABLE;
		};
		ProblemDetail problem = type.toProblemDetail(ex.getMessage());
		problem.setProperty("reason", ex.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		ShardMap map = this.router.map();
		problem.setProperty("epoch", map.epoch());
		if (map.migration() != null) {
			problem.setProperty("migration", map.migration());
		}
		return problem;
	}

	private static ShardListing.Shard describe(RedisShard shard, boolean inRing) {
		Long keys;
		try {
			keys = shard.keyCount();
		}
		catch (RuntimeException unavailable) {
			keys = null;
		}
		return new ShardListing.Shard(shard.name(), inRing, keys, shard.nodes());
	}

	/**
	 * The shard layout.
	 *
	 * @param keySelection how keys are mapped to what the ring hashes
	 * @param epoch the epoch of the shard map this replica routes by
	 * @param migration the migration under way, or {@code null}
	 * @param replicas the epoch each replica routes by, as each noted it recently;
	 * {@code null} if the map's server cannot be read
	 * @param shards the shards
	 */
	record ShardListing(String keySelection, long epoch, ShardMap.Migration migration, Map<String, Long> replicas,
			List<Shard> shards) {

		/**
		 * @param name the shard's name
		 * @param inRing whether it owns keys; {@code false} while it is being drained
		 * @param keys keys its server holds, or {@code null} if no server of it answers
		 * @param nodes its servers
		 */
		record Shard(String name, boolean inRing, Long keys, List<RedisShard.ShardNodeStatus> nodes) {
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
