package dev.ddspatterns.election.shards;

import java.time.Duration;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The live replicas: each advertises itself for one lease ttl at a time
 * ({@code scripts/members.lua}), so a replica that dies without a word drops out when its
 * entry expires, at about the time its shard leases do.
 */
class Members {

	static final String KEY = "election:{members}";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> REFRESH = RedisScript.of(new ClassPathResource("scripts/members.lua"),
			List.class);

	private final StringRedisTemplate redis;

	private final Duration ttl;

	Members(StringRedisTemplate redis, Duration ttl) {
		this.redis = redis;
		this.ttl = ttl;
	}

	/**
	 * Advertises a replica for one more ttl.
	 * @param id the replica's id
	 * @return the ids of every live replica, this one included
	 */
	@SuppressWarnings("unchecked")
	List<String> refresh(String id) {
		List<String> live = this.redis.execute(REFRESH, List.of(KEY), id, Long.toString(this.ttl.toMillis()));
		return (live != null) ? live : List.of(id);
	}

	/**
	 * Withdraws a replica at once, so the others rebalance without waiting for the ttl.
	 * @param id the replica's id
	 */
	void leave(String id) {
		this.redis.opsForZSet().remove(KEY, id);
	}

}
