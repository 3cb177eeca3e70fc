package dev.ddspatterns.gateway.ratelimit;

/**
 * Who a request comes from, as far as the limiter can tell: a caller it keeps a bucket
 * for, or a request with an API key nobody registered, which gets no bucket at all.
 */
sealed interface Caller {

	/**
	 * A caller with a bucket per route.
	 *
	 * @param id {@code key:<name>} for a registered API key, {@code ip:<address>} for a
	 * request without one
	 */
	record Counted(String id) implements Caller {

	}

	/** A request whose API key is not registered: refused with 401, never counted. */
	record UnknownKey() implements Caller {

	}

}
