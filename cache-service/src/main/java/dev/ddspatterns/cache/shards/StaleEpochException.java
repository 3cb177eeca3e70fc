package dev.ddspatterns.cache.shards;

/**
 * A shard refused a request routed by an older shard map than it has been fenced with
 * (like Redis Cluster's {@code MOVED}): the replica fetches the newer map and routes
 * again. Never shown to a client, so it carries no stack trace.
 */
final class StaleEpochException extends RuntimeException {

	private final String shard;

	private final long fence;

	StaleEpochException(String shard, long epoch, long fence) {
		super("Shard " + shard + " is fenced at epoch " + fence + "; the request was routed by epoch " + epoch, null,
				false, false);
		this.shard = shard;
		this.fence = fence;
	}

	String shard() {
		return this.shard;
	}

	long fence() {
		return this.fence;
	}

}
