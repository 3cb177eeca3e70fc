package dev.ddspatterns.service.problem;

import java.net.URI;

import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Builds and completes problem bodies the same way for the Servlet and the WebFlux
 * handlers, so both stacks answer an error kind with the same body.
 */
final class ProblemBodies {

	/** What the caller learns about an unexpected failure: that it happened, no more. */
	static final String UNEXPECTED_DETAIL = "The service failed unexpectedly. The cause is in its logs.";

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private ProblemBodies() {
	}

	/**
	 * Completes the body Spring built for one of its exceptions: the stable type for its
	 * status and, for validation failures, the {@code errors} list. The body is changed
	 * in place; an {@link ErrorResponse} without a body yet has its own body completed.
	 */
	static @Nullable Object complete(Throwable ex, @Nullable Object body) {
		if (body instanceof ProblemDetail problem) {
			complete(problem, ex);
		}
		else if (body == null && ex instanceof ErrorResponse errorResponse) {
			complete(errorResponse.getBody(), ex);
		}
		return body;
	}

	static ProblemDetail complete(ProblemDetail problem, Throwable ex) {
		typed(problem);
		if (ex instanceof BindingResult result) {
			problem.setProperty("errors", InvalidFields.of(result));
		}
		else if (ex instanceof MethodValidationResult result) {
			problem.setProperty("errors", InvalidFields.of(result));
		}
		return problem;
	}

	/** {@code @Validated} beans reject their arguments: the request was invalid. */
	static ProblemDetail constraintViolations(ConstraintViolationException ex) {
		ProblemDetail problem = ProblemType.INVALID_REQUEST.toProblemDetail("Validation failed.");
		problem.setProperty("errors", InvalidFields.of(ex.getConstraintViolations()));
		return problem;
	}

	/** The problem for any failure, whether Spring knows it or not. */
	static ProblemDetail of(Throwable ex) {
		if (ex instanceof ErrorResponse errorResponse) {
			return complete(errorResponse.getBody(), ex);
		}
		if (ex instanceof ConstraintViolationException violations) {
			return constraintViolations(violations);
		}
		return unexpected(ex);
	}

	/**
	 * For an exception no handler knows: the status its {@link ResponseStatus} declares,
	 * if any, otherwise an {@code internal} problem that says nothing about the cause.
	 */
	static ProblemDetail unexpected(Throwable ex) {
		ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		if (declared == null) {
			return ProblemType.INTERNAL.toProblemDetail(UNEXPECTED_DETAIL);
		}
		return forStatus(declared.code(), declared.reason());
	}

	/** For an error known only by its status, such as a servlet error page. */
	static ProblemDetail forStatus(HttpStatusCode status, @Nullable String reason) {
		String detail = status.is5xxServerError() ? UNEXPECTED_DETAIL
				: StringUtils.hasText(reason) ? reason : reasonPhrase(status);
		return typed(ProblemDetail.forStatusAndDetail(status, detail));
	}

	/**
	 * Gives a problem without a type of its own the suite's type for its status. Spring 7
	 * leaves the type {@code null}, meaning {@code about:blank}, until someone sets it.
	 */
	private static ProblemDetail typed(ProblemDetail problem) {
		if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
			ProblemType.forStatus(problem.getStatus()).ifPresent((type) -> type.applyTo(problem));
		}
		return problem;
	}

	/**
	 * Names the client's path as the problem's {@code instance} ({@link ClientPath}: at
	 * most its first {@value ClientPath#MAX_LENGTH} characters), unless the body names
	 * one already.
	 * @param problem the body to complete
	 * @param rawPath the request's path as the client sent it, still percent-encoded
	 */
	static void setInstance(ProblemDetail problem, String rawPath) {
		if (problem.getInstance() == null) {
			ClientPath.of(rawPath).ifPresent(problem::setInstance);
		}
	}

	private static String reasonPhrase(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "HTTP " + status.value();
	}

}
