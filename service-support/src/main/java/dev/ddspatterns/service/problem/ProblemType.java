package dev.ddspatterns.service.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The kinds of error the suite's services report, each with a stable {@code type} URI
 * that clients can switch on. The URI never changes once published, whatever happens to
 * the title or detail wording. A status without a kind here keeps RFC 9457's
 * {@code about:blank}.
 */
public enum ProblemType {

	/** The request is malformed or fails validation. */
	INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),

	/**
	 * The request's credentials are unknown, such as an API key the gateway has no record
	 * of; the {@code WWW-Authenticate} header says what it accepts.
	 */
	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized"),

	/** Nothing lives at this path, or the addressed resource does not exist. */
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),

	/** The path exists but not for this HTTP method. */
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	/** No representation matches the request's {@code Accept} header. */
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	/** The request conflicts with the current state, e.g. a stale fencing token. */
	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),

	/** The request body or upload is larger than the service accepts. */
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),

	/**
	 * The request's URI (path and query) is longer than the service reads; the limit is
	 * {@code suite.http.max-uri-size}.
	 */
	URI_TOO_LONG("uri-too-long", HttpStatus.URI_TOO_LONG, "URI too long"),

	/** The request body's content type is not one the endpoint reads. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	/** The caller exceeded its rate limit; retry after the {@code Retry-After} delay. */
	RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Rate limited"),

	/**
	 * The request's header fields, one or all together, are larger than the service
	 * reads; the limit is {@code suite.http.max-headers-size}.
	 */
	REQUEST_HEADER_FIELDS_TOO_LARGE("request-header-fields-too-large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
			"Request header fields too large"),

	/** An unexpected failure inside the service; details are in its logs, not here. */
	INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),

	/** The service or one it depends on cannot serve right now; retrying may succeed. */
	UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),

	/** A service this one called did not answer in time. */
	UPSTREAM_TIMEOUT("upstream-timeout", HttpStatus.GATEWAY_TIMEOUT, "Upstream timeout"),

	/**
	 * The service has no room to store what the request would add; retrying after stored
	 * data has expired or been deleted may succeed.
	 */
	INSUFFICIENT_STORAGE("insufficient-storage", HttpStatus.INSUFFICIENT_STORAGE, "Insufficient storage");

	/** Every type URI starts with this prefix, followed by the kind's slug. */
	public static final String URI_PREFIX = "urn:dds-suite:problem:";

	private final URI uri;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.uri = URI.create(URI_PREFIX + slug);
		this.status = status;
		this.title = title;
	}

	public URI uri() {
		return this.uri;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	/**
	 * A problem of this type with the given human-readable detail.
	 * @param detail what went wrong with this request, safe to show the caller
	 * @return a new problem detail
	 */
	public ProblemDetail toProblemDetail(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, detail);
		applyTo(problem);
		return problem;
	}

	/**
	 * The kind the suite reports for an HTTP status, if it has one.
	 * @param status an HTTP status code
	 * @return the matching kind, or empty
	 */
	public static Optional<ProblemType> forStatus(int status) {
		return Arrays.stream(values()).filter((type) -> type.status.value() == status).findFirst();
	}

	void applyTo(ProblemDetail problem) {
		problem.setType(this.uri);
		problem.setTitle(this.title);
	}

}
