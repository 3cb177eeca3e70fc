package dev.ddspatterns.cache.shards;

/**
 * A shard cannot serve the request: its primary is down for a write, or no server of the
 * shard answers a read. Only that shard's keys are affected.
 */
public class ShardUnavailableException extends RuntimeException {

	private final String shard;

	ShardUnavailableException(String shard, String message, Throwable cause) {
		super(message, cause);
		this.shard = shard;
	}

	/**
	 * @return the shard's name
	 */
	public String shard() {
		return this.shard;
	}

}
