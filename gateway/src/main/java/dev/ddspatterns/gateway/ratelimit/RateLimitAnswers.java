package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ddspatterns.gateway.ratelimit.TokenBucket.Decision;
import dev.ddspatterns.gateway.ratelimit.TokenBucket.Limit;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

import org.springframework.http.HttpHeaders;

/**
 * What a caller of a rate-limited route is told: where it stands, on every answer, and
 * why it was refused, as the suite's problem details, each with the header that says what
 * to do next.
 */
final class RateLimitAnswers {

	static final String REMAINING_HEADER = "X-RateLimit-Remaining";

	static final String REPLENISH_RATE_HEADER = "X-RateLimit-Replenish-Rate";

	static final String BURST_CAPACITY_HEADER = "X-RateLimit-Burst-Capacity";

	static final String REQUESTED_TOKENS_HEADER = "X-RateLimit-Requested-Tokens";

	private RateLimitAnswers() {
	}

	/**
	 * @param limit the limit that applied to the request
	 * @param decision what the bucket said
	 * @return the X-RateLimit-* headers; {@code Remaining} only when Redis counted
	 */
	static Map<String, String> limitHeaders(Limit limit, Decision decision) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (decision.remaining() >= 0) {
			headers.put(REMAINING_HEADER, String.valueOf(decision.remaining()));
		}
		headers.put(REPLENISH_RATE_HEADER, String.valueOf(limit.replenishRate()));
		headers.put(BURST_CAPACITY_HEADER, String.valueOf(limit.burstCapacity()));
		headers.put(REQUESTED_TOKENS_HEADER, String.valueOf(limit.requestedTokens()));
		return headers;
	}

	/** 429, with the limit and when the bucket will hold enough for this request. */
	static ProblemException rateLimited(Limit limit, Decision decision) {
		long retryAfter = wholeSeconds(decision.retryAfter());
		ProblemException problem = new ProblemException(ProblemType.RATE_LIMITED,
				String.format(
						"Too many requests from this caller. Each caller has a bucket of %d tokens on this "
								+ "route, refilled at %d per second, and a request costs %d. Retry after %d s.",
						limit.burstCapacity(), limit.replenishRate(), limit.requestedTokens(), retryAfter));
		limitHeaders(limit, decision).forEach(problem.getHeaders()::set);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
		return problem;
	}

	/** 503 from a fail-closed route while Redis does not answer. */
	static ProblemException unavailable(Duration retryAfter) {
		long seconds = wholeSeconds(retryAfter);
		ProblemException problem = new ProblemException(ProblemType.UNAVAILABLE,
				"Rate limiting is unavailable, and this route refuses requests it cannot count. Retry after " + seconds
						+ " s.");
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		return problem;
	}

	/**
	 * 401 for a key nobody registered. RFC 9110 asks a 401 to name what would be
	 * accepted; there is no registered scheme for API keys, so this names the header. The
	 * key is not echoed: the answer may end up in logs the key's owner does not control.
	 */
	static ProblemException unknownKey(String header) {
		ProblemException problem = new ProblemException(ProblemType.UNAUTHORIZED,
				"The " + header
						+ " header carries a key this gateway does not know. Send a registered key, or no key to be "
						+ "limited by your address.");
		problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + header + "\"");
		return problem;
	}

	/**
	 * Retry-After counts whole seconds; rounding down would invite a retry that fails.
	 */
	private static long wholeSeconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

}
