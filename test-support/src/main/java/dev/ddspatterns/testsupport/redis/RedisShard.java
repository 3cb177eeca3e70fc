package dev.ddspatterns.testsupport.redis;

import java.util.List;

/**
 * A primary and the replicas that follow it ({@code replicaof}).
 *
 * @param primary the server that takes writes
 * @param replicas servers replicating the primary, possibly none
 */
public record RedisShard(RedisNode primary, List<RedisNode> replicas) {

	public RedisShard {
		replicas = List.copyOf(replicas);
	}

	/**
	 * @param index which replica
	 * @return the replica
	 */
	public RedisNode replica(int index) {
		return this.replicas.get(index);
	}

}
