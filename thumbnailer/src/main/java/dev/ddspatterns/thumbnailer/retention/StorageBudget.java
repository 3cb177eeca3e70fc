package dev.ddspatterns.thumbnailer.retention;

import dev.ddspatterns.thumbnailer.ThumbnailerProperties;

/**
 * Whether the blob store can take one more job. A job is admitted only if the largest
 * source it may bring still fits under both bounds, so the store never takes the upload
 * that would cross them; what is already accepted keeps writing, into the margin the
 * bounds leave below a full volume.
 *
 * @param maxStoredBytes most bytes the store may hold
 * @param minFreeBytes free bytes the volume keeps
 * @param jobBytes most bytes a new job brings in with its source
 */
record StorageBudget(long maxStoredBytes, long minFreeBytes, long jobBytes) {

	static StorageBudget of(ThumbnailerProperties properties) {
		return new StorageBudget(properties.storage().maxStored().toBytes(), properties.storage().minFree().toBytes(),
				properties.maxSourceSize().toBytes());
	}

	/**
	 * @param storedBytes what the store holds, admitted jobs not yet measured included
	 * @param usableBytes what the volume can still take
	 * @return whether a new job is admitted, or which bound refuses it
	 */
	Admission admit(long storedBytes, long usableBytes) {
		if (storedBytes > this.maxStoredBytes - this.jobBytes) {
			return Admission.STORE_FULL;
		}
		if (usableBytes - this.jobBytes < this.minFreeBytes) {
			return Admission.VOLUME_FULL;
		}
		return Admission.ADMITTED;
	}

	/** The answer to a new job. */
	enum Admission {

		/** It fits. */
		ADMITTED("admitted"),

		/** The store holds as much as {@code storage.max-stored} allows. */
		STORE_FULL("The blob store is at its bound"),

		/** The volume is down to {@code storage.min-free}. */
		VOLUME_FULL("The blob store's volume is nearly full");

		private final String state;

		Admission(String state) {
			this.state = state;
		}

		/**
		 * @return what to tell a refused client: the same whatever the numbers, which are
		 * the server's business
		 */
		String detail() {
			return this.state + "; new jobs are accepted again once finished jobs expire or are deleted";
		}

	}

}
