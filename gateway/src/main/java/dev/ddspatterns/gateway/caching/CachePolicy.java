package dev.ddspatterns.gateway.caching;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What a shared cache in front of a backend may store, and for how long: the rules of RFC
 * 9111 that matter for a caching layer, and the few places where this one is stricter
 * than HTTP requires because a wrong answer from a shared cache reaches every user.
 *
 * <ul>
 * <li>Only {@code GET} is looked up or stored. Everything else passes untouched.</li>
 * <li>A request carrying credentials ({@code Authorization}, {@code Cookie}) or saying
 * {@code no-store} passes: it is sent to the backend and its answer is not stored, as in
 * Varnish's built-in rules.</li>
 * <li>A request saying {@code no-cache} (or {@code max-age=0}, or
 * {@code Pragma: no-cache}) skips the lookup, and its answer refreshes the entry.</li>
 * <li>Only {@code 200 OK} is stored: never an error, so a backend that fails for a moment
 * is not made to look failed for a whole TTL.</li>
 * <li>Never a response that sets a cookie: it would hand one user's session to the
 * next.</li>
 * <li>Never {@code no-store}, {@code private} or {@code no-cache} (this cache does not
 * revalidate), nor {@code Vary: *}, nor a {@code Vary} on a header the key does not
 * contain.</li>
 * <li>Lifetime: {@code s-maxage}, else {@code max-age}, else the route's default;
 * {@code 0} is not stored.</li>
 * </ul>
 */
final class CachePolicy {

	private CachePolicy() {
	}

	static boolean isLookedUp(ServerHttpRequest request) {
		return HttpMethod.GET.equals(request.getMethod());
	}

	/** Requests whose answer is not shared with anyone else. */
	static boolean mustPass(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return headers.containsHeader(HttpHeaders.AUTHORIZATION) || headers.containsHeader(HttpHeaders.COOKIE)
				|| directives(headers).has("no-store");
	}

	/** The client wants a fresh answer from the backend, not a stored one. */
	static boolean wantsRefresh(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		CacheDirectives directives = directives(headers);
		return directives.has("no-cache") || Duration.ZERO.equals(directives.seconds("max-age"))
				|| headers.getOrEmpty(HttpHeaders.PRAGMA).stream().anyMatch((value) -> value.contains("no-cache"));
	}

	/**
	 * @param status the backend's status
	 * @param headers the backend's response headers
	 * @param defaultLifetime the route's lifetime for answers that do not state their own
	 * @param keyHeaders the request headers the cache key contains
	 * @return how long the answer may be served from the cache, or empty if it must not
	 * be stored at all
	 */
	static Optional<Duration> lifetime(HttpStatusCode status, HttpHeaders headers, Duration defaultLifetime,
			List<String> keyHeaders) {
		if (!HttpStatus.OK.equals(status) || headers.containsHeader(HttpHeaders.SET_COOKIE)
				|| !varyIsCoveredByKey(headers, keyHeaders)) {
			return Optional.empty();
		}
		CacheDirectives directives = directives(headers);
		if (directives.has("no-store") || directives.has("private") || directives.has("no-cache")) {
			return Optional.empty();
		}
		Duration lifetime = directives.seconds("s-maxage");
		if (lifetime == null) {
			lifetime = directives.seconds("max-age");
		}
		if (lifetime == null) {
			lifetime = defaultLifetime;
		}
		return lifetime.isPositive() ? Optional.of(lifetime) : Optional.empty();
	}

	private static boolean varyIsCoveredByKey(HttpHeaders headers, List<String> keyHeaders) {
		Set<String> keyed = keyHeaders.stream().map(CachePolicy::lowerCase).collect(Collectors.toSet());
		return headers.getVary().stream().map(CachePolicy::lowerCase).allMatch(keyed::contains);
	}

	private static CacheDirectives directives(HttpHeaders headers) {
		return CacheDirectives.parse(headers.getOrEmpty(HttpHeaders.CACHE_CONTROL));
	}

	private static String lowerCase(String header) {
		return header.strip().toLowerCase(Locale.ROOT);
	}

}
