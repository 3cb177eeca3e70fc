package dev.ddspatterns.service.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's {@code /error} page for errors that never reach a controller, such as
 * an exception in a servlet filter, so those are problem details too. The servlet
 * container has already logged the exception; this only renders it, and never with the
 * container's message, which may be the exception's.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${spring.web.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		ProblemDetail problem = problemFor(request);
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path != null) {
			ProblemBodies.setInstance(problem, path.toString());
		}
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static ProblemDetail problemFor(HttpServletRequest request) {
		Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (exception instanceof Throwable failure) {
			while (failure instanceof ServletException && failure.getCause() != null) {
				failure = failure.getCause();
			}
			return ProblemBodies.of(failure);
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatusCode status = HttpStatusCode.valueOf((code instanceof Integer value) ? value : 500);
		return ProblemBodies.forStatus(status, null);
	}

}
