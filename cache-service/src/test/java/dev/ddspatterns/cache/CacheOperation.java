package dev.ddspatterns.cache;

import java.time.Duration;

/**
 * One operation of a test's history, as the client that ran it saw it: what it asked,
 * what it was told, and when it sent the request and got the answer. Times are
 * {@link System#nanoTime()} readings of the test's own JVM, so they order every operation
 * of every client on one clock.
 *
 * @param client the client thread that ran it
 * @param replica which cache-service process it went to
 * @param type what it did
 * @param key the key
 * @param value {@link Type#PUT}: the value written, unique within a history;
 * {@link Type#GET}: the value read, {@code null} when the answer was 404
 * @param ttl {@link Type#PUT}: the time to live asked for; {@link Type#GET}: the
 * remaining time to live the answer reported ({@code X-Cache-TTL}), {@code null} if it
 * reported none
 * @param invoked when the request was sent
 * @param completed when the answer came, or the call failed
 * @param outcome whether the operation happened, as far as the client can tell
 * @param found {@link Type#GET}: 200 rather than 404; {@link Type#DELETE}: 204 rather
 * than 404
 */
record CacheOperation(int client, int replica, Type type, String key, String value, Duration ttl, long invoked,
		long completed, Outcome outcome, boolean found) {

	static CacheOperation put(int client, int replica, String key, String value, Duration ttl, long invoked,
			long completed, Outcome outcome) {
		return new CacheOperation(client, replica, Type.PUT, key, value, ttl, invoked, completed, outcome, true);
	}

	static CacheOperation get(int client, int replica, String key, String value, Duration ttl, long invoked,
			long completed, Outcome outcome) {
		return new CacheOperation(client, replica, Type.GET, key, value, ttl, invoked, completed, outcome,
				value != null);
	}

	static CacheOperation delete(int client, int replica, String key, boolean found, long invoked, long completed,
			Outcome outcome) {
		return new CacheOperation(client, replica, Type.DELETE, key, null, null, invoked, completed, outcome, found);
	}

	boolean isWrite() {
		return this.type != Type.GET;
	}

	@Override
	public String toString() {
		String what = switch (this.type) {
			case PUT -> "PUT " + this.key + "=" + this.value + " ttl=" + this.ttl.toMillis() + "ms";
			case GET -> "GET " + this.key + " -> " + (this.found ? this.value + " ttl=" + this.ttl : "404");
			case DELETE -> "DELETE " + this.key + " -> " + (this.found ? "204" : "404");
		};
		return what + " [" + this.outcome + "] client " + this.client + " via replica " + this.replica + " "
				+ this.invoked / 1_000_000 + ".." + this.completed / 1_000_000 + "ms";
	}

	/** The operation. */
	enum Type {

		PUT, GET, DELETE

	}

	/** What the client knows about whether the operation took place. */
	enum Outcome {

		/** Answered as the API promises: a write took effect, a read saw this. */
		OK,

		/** Refused before anything happened (a 4xx): a write took no effect. */
		FAILED,

		/**
		 * No answer or a 5xx: a write may have taken effect, at any time from when it was
		 * sent; a read tells nothing.
		 */
		UNKNOWN

	}

}
