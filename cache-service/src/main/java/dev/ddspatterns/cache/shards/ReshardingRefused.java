package dev.ddspatterns.cache.shards;

/**
 * A change of the shard map that cannot happen now, with a {@link Reason} a caller can
 * switch on instead of the text or whatever the Redis client threw.
 */
public class ReshardingRefused extends RuntimeException {

	private final Reason reason;

	ReshardingRefused(Reason reason, String message) {
		this(reason, message, null);
	}

	ReshardingRefused(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/**
	 * @return why
	 */
	public Reason reason() {
		return this.reason;
	}

	/** Why a change was refused. */
	public enum Reason {

		/** A shard of that name exists with other servers. */
		SHARD_EXISTS,

		/** No shard of that name is in the ring. */
		NO_SUCH_SHARD,

		/** The ring would be left empty. */
		LAST_SHARD,

		/** Another migration is under way; one runs at a time. */
		MIGRATION_RUNNING,

		/** The shared map or a shard it needs cannot be read or changed now. */
		MAP_UNAVAILABLE,

		/**
		 * Another replica took the migration over; it goes on there, and this request
		 * learns no more about it.
		 */
		TAKEN_OVER

	}

}
