package dev.ddspatterns.service.problem;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.ErrorResponseException;

/**
 * Thrown by an app to answer with a problem of a given {@link ProblemType}, for example
 * {@code throw new ProblemException(ProblemType.CONFLICT, "Token 41 is older than 42")}.
 * Extra members such as {@code currentToken} go into the problem body; headers such as
 * {@code Retry-After} can be added through {@link #getHeaders()}.
 *
 * <p>
 * Being an {@link ErrorResponseException}, it is rendered by Spring MVC and WebFlux
 * alike, with or without this module's handlers.
 */
public class ProblemException extends ErrorResponseException {

	private final ProblemType problemType;

	public ProblemException(ProblemType type, String detail) {
		this(type, detail, Map.of(), null);
	}

	public ProblemException(ProblemType type, String detail, Map<String, ?> properties) {
		this(type, detail, properties, null);
	}

	/**
	 * @param type the kind of problem, which fixes the status, type URI and title
	 * @param detail what went wrong with this request, safe to show the caller
	 * @param properties extra members of the problem body
	 * @param cause the underlying failure, logged but never sent to the caller
	 */
	public ProblemException(ProblemType type, String detail, Map<String, ?> properties, @Nullable Throwable cause) {
		super(type.status(), type.toProblemDetail(detail), cause);
		this.problemType = type;
		properties.forEach(getBody()::setProperty);
	}

	public ProblemType getProblemType() {
		return this.problemType;
	}

}
