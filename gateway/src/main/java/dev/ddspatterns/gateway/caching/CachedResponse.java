package dev.ddspatterns.gateway.caching;

import java.time.Duration;
import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * A backend's answer as the cache keeps it.
 *
 * @param status the status
 * @param headers the headers the backend sent, read-only
 * @param body the whole body
 * @param storedAt when the answer arrived
 * @param lifetime how long after {@code storedAt} it may be served
 */
record CachedResponse(HttpStatusCode status, HttpHeaders headers, byte[] body, Instant storedAt, Duration lifetime) {

	boolean isFresh(Instant now) {
		return now.isBefore(this.storedAt.plus(this.lifetime));
	}

	/** The {@code Age} header's value: whole seconds since the answer arrived. */
	long ageSeconds(Instant now) {
		return Math.max(0, Duration.between(this.storedAt, now).toSeconds());
	}

	/** Roughly what the answer costs in memory, for the cache's size bound. */
	int weight() {
		int headerBytes = this.headers.headerSet()
			.stream()
			.mapToInt((header) -> header.getKey().length() + header.getValue().stream().mapToInt(String::length).sum())
			.sum();
		return this.body.length + headerBytes;
	}

}
