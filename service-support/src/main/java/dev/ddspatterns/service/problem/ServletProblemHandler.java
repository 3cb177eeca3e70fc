package dev.ddspatterns.service.problem;

import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Spring MVC's problem-detail handling, completed with the suite's stable types, the list
 * of invalid fields, and a catch-all that turns any other exception into an
 * {@code internal} problem. Ordered last, so an app's own advice is asked first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ServletProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ServletProblemHandler.class);

	/** How Tomcat's multipart parser begins the message of a part's headers too long. */
	private static final String TOMCAT_PART_HEADERS_TOO_LONG = "Header section has more than";

	private static final String TOMCAT_INVALID_PARAMETER = "org.apache.tomcat.util.http.InvalidParameterException";

	private static final DisconnectedClientHelper disconnected = new DisconnectedClientHelper(
			ServletProblemHandler.class.getName() + ".DisconnectedClient");

	@ExceptionHandler
	@Nullable ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		ProblemDetail problem = ProblemBodies.constraintViolations(ex);
		return handleExceptionInternal(ex, problem, new HttpHeaders(), ProblemType.INVALID_REQUEST.status(), request);
	}

	/**
	 * A multipart body the server cannot parse (no boundary, cut before its closing
	 * boundary, a broken part) is the client's mistake. One over the size limits is a
	 * {@code MaxUploadSizeExceededException}, answered 413 by the handler above.
	 */
	@ExceptionHandler
	@Nullable ResponseEntity<Object> handleMalformedMultipart(MultipartException ex, WebRequest request) {
		ProblemDetail problem = ProblemType.INVALID_REQUEST
			.toProblemDetail("The multipart body could not be read: it is malformed or incomplete.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), ProblemType.INVALID_REQUEST.status(), request);
	}

	/**
	 * Tomcat counts a part's headers, which carry its file name, against their own limit
	 * ({@code server.tomcat.max-part-header-size}) and reports going over it as a size
	 * limit, which Spring turns into "upload too large". The upload may be tiny: the name
	 * is not the size, so it is a 400 that says what is too long.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (!partHeadersTooLong(ex)) {
			return super.handleMaxUploadSizeExceededException(ex, headers, status, request);
		}
		ProblemDetail problem = ProblemType.INVALID_REQUEST
			.toProblemDetail("A part's headers are over the server's limit: its file name is too long.");
		return handleExceptionInternal(ex, problem, headers, ProblemType.INVALID_REQUEST.status(), request);
	}

	private static boolean partHeadersTooLong(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().startsWith(TOMCAT_PART_HEADERS_TOO_LONG)) {
				return true;
			}
		}
		return false;
	}

	@ExceptionHandler
	@Nullable ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		// The client hung up: nobody is left to answer, and it is not the server's fault.
		if (disconnected.checkAndLogClientDisconnectedException(ex)) {
			return null;
		}
		ProblemDetail problem = isTomcatParameterFailure(ex) ? TomcatParameterFailure.problem(ex)
				: ProblemBodies.unexpected(ex);
		HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
		if (status.is5xxServerError()) {
			log.error("Unexpected failure handling {}", request.getDescription(false), ex);
		}
		return handleExceptionInternal(ex, problem, new HttpHeaders(), status, request);
	}

	/**
	 * Tomcat refuses parameters it cannot read with an exception of its own, an
	 * {@code IllegalStateException} Spring knows nothing of; it is the client's mistake.
	 * Named, not imported, so a servlet app on another container still loads this class.
	 */
	private static boolean isTomcatParameterFailure(Exception ex) {
		return TOMCAT_INVALID_PARAMETER.equals(ex.getClass().getName());
	}

	/**
	 * The status Tomcat chose for parameters it could not read: 413 for a form body over
	 * {@code server.tomcat.max-http-form-post-size}, 400 for one it cannot decode
	 * ({@code %C3%28} is not UTF-8, {@code %ZZ} no escape). Loaded only once such an
	 * exception has been seen, so only where Tomcat is.
	 */
	private static final class TomcatParameterFailure {

		static ProblemDetail problem(Exception ex) {
			int status = ((org.apache.tomcat.util.http.InvalidParameterException) ex).getErrorCode();
			if (status == ProblemType.PAYLOAD_TOO_LARGE.status().value()) {
				return ProblemType.PAYLOAD_TOO_LARGE
					.toProblemDetail("The form body is larger than the server reads of one.");
			}
			return ProblemType.INVALID_REQUEST
				.toProblemDetail("A request parameter could not be decoded: it is not percent-encoded UTF-8.");
		}

	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		Object completed = ProblemBodies.complete(ex, body);
		if (completed instanceof ProblemDetail problem && request instanceof ServletWebRequest servletRequest) {
			ProblemBodies.setInstance(problem, servletRequest.getRequest().getRequestURI());
		}
		return super.handleExceptionInternal(ex, completed, headers, statusCode, request);
	}

}
