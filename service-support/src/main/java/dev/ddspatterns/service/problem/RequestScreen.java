package dev.ddspatterns.service.problem;

import java.util.Optional;

import dev.ddspatterns.service.SuiteProperties;
import org.jspecify.annotations.Nullable;

/**
 * What every request must be before the app sees it, checked the same way on Tomcat and
 * on Reactor Netty: a URI within its limit ({@code suite.http.max-uri-size}, else 414
 * {@code uri-too-long}), header fields within theirs
 * ({@code suite.http.max-headers-size}, else 431
 * {@code request-header-fields-too-large}), and a path and query that decode as UTF-8
 * (else 400 {@code invalid-request}). Sizes are in bytes as the client sent them; both
 * servers hand the request line and headers over one byte per character.
 */
final class RequestScreen {

	private final long maxUriSize;

	private final long maxHeadersSize;

	RequestScreen(SuiteProperties.Http http) {
		this.maxUriSize = http.maxUriSize().toBytes();
		this.maxHeadersSize = http.maxHeadersSize().toBytes();
	}

	/**
	 * One header field as the limit counts it: {@code name: value} and its line end.
	 * @param nameLength the length of the field's name
	 * @param valueLength the length of its value
	 * @return its size in bytes
	 */
	static long fieldSize(int nameLength, int valueLength) {
		return nameLength + 2L + valueLength + 2L;
	}

	/**
	 * @param rawPath the request's path, still percent-encoded
	 * @param rawQuery its query, still percent-encoded, or null if it has none
	 * @param headersSize the sum of {@link #fieldSize} over every header field
	 * @return the problem to refuse the request with, or empty if it passes
	 */
	Optional<ProblemException> refusal(String rawPath, @Nullable String rawQuery, long headersSize) {
		long uriSize = rawPath.length() + ((rawQuery != null) ? 1L + rawQuery.length() : 0);
		if (uriSize > this.maxUriSize) {
			return Optional.of(uriTooLong());
		}
		if (headersSize > this.maxHeadersSize) {
			return Optional.of(headersTooLarge());
		}
		if (!PercentEncoding.isUtf8(rawPath) || (rawQuery != null && !PercentEncoding.isUtf8(rawQuery))) {
			return Optional
				.of(new ProblemException(ProblemType.INVALID_REQUEST, "The request URI is not percent-encoded UTF-8."));
		}
		return Optional.empty();
	}

	/** A URI over the limit, also when the server's parser gave up before its end. */
	ProblemException uriTooLong() {
		return new ProblemException(ProblemType.URI_TOO_LONG,
				"The request URI is longer than the " + this.maxUriSize + " bytes this service reads.");
	}

	/** A request the server's parser could not read, or a URI it could not decode. */
	ProblemException unreadable() {
		return new ProblemException(ProblemType.INVALID_REQUEST,
				"The server could not read the request: its request line, a header or its URI is malformed.");
	}

	/** Header fields over the limit, also when the server's parser gave up on them. */
	ProblemException headersTooLarge() {
		return new ProblemException(ProblemType.REQUEST_HEADER_FIELDS_TOO_LARGE,
				"The request's header fields are larger than the " + this.maxHeadersSize
						+ " bytes this service reads.");
	}

}
