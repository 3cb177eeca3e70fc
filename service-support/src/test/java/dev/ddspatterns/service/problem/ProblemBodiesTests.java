package dev.ddspatterns.service.problem;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ResponseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the catch-all treats exceptions no handler knows.
 */
class ProblemBodiesTests {

	@Test
	void unknownExceptionRevealsNothingAboutItsCause() {
		ProblemDetail problem = ProblemBodies.unexpected(new IllegalStateException("password=s3cret"));
		assertThat(problem.getStatus()).isEqualTo(500);
		assertThat(problem.getType()).isEqualTo(ProblemType.INTERNAL.uri());
		assertThat(problem.getDetail()).isEqualTo(ProblemBodies.UNEXPECTED_DETAIL);
		assertThat(problem.getProperties()).isNull();
	}

	@Test
	void exceptionAnnotatedWithResponseStatusKeepsItsStatusAndReason() {
		ProblemDetail problem = ProblemBodies.unexpected(new LeaseLost());
		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getType()).isEqualTo(ProblemType.CONFLICT.uri());
		assertThat(problem.getDetail()).isEqualTo("Lease lost");
	}

	@Test
	void statusWithoutAKindKeepsAboutBlank() {
		ProblemDetail problem = ProblemBodies.forStatus(HttpStatus.GONE, null);
		assertThat(problem.getType()).isNull();
		assertThat(problem.getDetail()).isEqualTo("Gone");
	}

	@Test
	void serverErrorKnownOnlyByStatusGetsTheGenericDetail() {
		ProblemDetail problem = ProblemBodies.forStatus(HttpStatus.BAD_GATEWAY, "upstream 10.0.0.7 refused");
		assertThat(problem.getDetail()).isEqualTo(ProblemBodies.UNEXPECTED_DETAIL);
	}

	@ResponseStatus(code = HttpStatus.CONFLICT, reason = "Lease lost")
	static class LeaseLost extends RuntimeException {

	}

}
