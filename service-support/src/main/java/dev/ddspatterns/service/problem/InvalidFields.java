package dev.ddspatterns.service.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.validation.BindingResult;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Turns the three shapes Spring and Bean Validation report validation failures in into
 * one list of {@link InvalidField}s for the {@code errors} member.
 */
final class InvalidFields {

	private InvalidFields() {
	}

	/** {@code @Valid} request bodies and form objects. */
	static List<InvalidField> of(BindingResult result) {
		List<InvalidField> fields = new ArrayList<>();
		result.getFieldErrors().forEach((error) -> fields.add(new InvalidField(error.getField(), message(error))));
		result.getGlobalErrors()
			.forEach((error) -> fields.add(new InvalidField(error.getObjectName(), message(error))));
		return fields;
	}

	/** Constraints on controller method parameters, checked by Spring MVC or WebFlux. */
	static List<InvalidField> of(MethodValidationResult result) {
		List<InvalidField> fields = new ArrayList<>();
		for (ParameterValidationResult parameter : result.getParameterValidationResults()) {
			MethodParameter methodParameter = parameter.getMethodParameter();
			String name = requestName(methodParameter);
			if (parameter instanceof ParameterErrors errors) {
				String prefix = methodParameter.hasParameterAnnotation(RequestBody.class) ? "" : name + ".";
				errors.getFieldErrors()
					.forEach((error) -> fields.add(new InvalidField(prefix + error.getField(), message(error))));
			}
			else {
				parameter.getResolvableErrors().forEach((error) -> fields.add(new InvalidField(name, message(error))));
			}
		}
		return fields;
	}

	/** Constraints checked by {@code @Validated} beans outside the web layer. */
	static List<InvalidField> of(Set<? extends ConstraintViolation<?>> violations) {
		return violations.stream()
			.map((violation) -> new InvalidField(leafName(violation.getPropertyPath()), violation.getMessage()))
			.sorted((a, b) -> a.field().compareTo(b.field()))
			.toList();
	}

	/**
	 * The name the client used: {@code @RequestParam("q") String query} reports
	 * {@code q}.
	 */
	private static String requestName(MethodParameter parameter) {
		RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
		if (requestParam != null) {
			return firstNonEmpty(requestParam.name(), requestParam.value(), parameter);
		}
		PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
		if (pathVariable != null) {
			return firstNonEmpty(pathVariable.name(), pathVariable.value(), parameter);
		}
		return firstNonEmpty("", "", parameter);
	}

	private static String firstNonEmpty(String name, String value, MethodParameter parameter) {
		if (!name.isEmpty()) {
			return name;
		}
		if (!value.isEmpty()) {
			return value;
		}
		String javaName = parameter.getParameterName();
		return (javaName != null) ? javaName : "arg" + parameter.getParameterIndex();
	}

	private static String message(MessageSourceResolvable error) {
		String message = error.getDefaultMessage();
		return (message != null) ? message : "is invalid";
	}

	private static String leafName(Path path) {
		String name = "";
		for (Path.Node node : path) {
			name = (node.getName() != null) ? node.getName() : name;
		}
		return name;
	}

}
