package dev.ddspatterns.service.problem;

import dev.ddspatterns.service.SuiteProperties;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RequestScreenTests {

	private final RequestScreen screen = new RequestScreen(
			new SuiteProperties.Http(DataSize.ofBytes(20), DataSize.ofBytes(30)));

	@Test
	void aRequestWithinTheLimitsPasses() {
		// "/v1/search?q=cats" is 17 bytes, "Host: a" counts 9.
		assertThat(this.screen.refusal("/v1/search", "q=cats", RequestScreen.fieldSize(4, 1))).isEmpty();
		assertThat(this.screen.refusal("/" + "a".repeat(19), null, 30)).isEmpty();
	}

	@Test
	void theUriCountsPathQuestionMarkAndQuery() {
		assertThat(this.screen.refusal("/" + "a".repeat(20), null, 0)).map(ProblemException::getProblemType)
			.contains(ProblemType.URI_TOO_LONG);
		assertThat(this.screen.refusal("/" + "a".repeat(9), "b".repeat(10), 0)).map(ProblemException::getProblemType)
			.contains(ProblemType.URI_TOO_LONG);
		assertThat(this.screen.refusal("/" + "a".repeat(9), "b".repeat(9), 0)).isEmpty();
	}

	@Test
	void headerFieldsCountNameColonSpaceValueAndLineEnd() {
		assertThat(RequestScreen.fieldSize(4, 9)).isEqualTo("Host: localhost\r\n".length() - 2 + 2);
		assertThat(this.screen.refusal("/", null, 31)).map(ProblemException::getProblemType)
			.contains(ProblemType.REQUEST_HEADER_FIELDS_TOO_LARGE);
	}

	@Test
	void aUriThatIsNotPercentEncodedUtf8IsAnInvalidRequest() {
		assertThat(this.screen.refusal("/a%ZZ", null, 0)).map(ProblemException::getProblemType)
			.contains(ProblemType.INVALID_REQUEST);
		assertThat(this.screen.refusal("/a", "q=%C3%28", 0)).map(ProblemException::getProblemType)
			.contains(ProblemType.INVALID_REQUEST);
	}

	@Test
	void theSizeIsCheckedBeforeTheEncodingSoAHugeUriIsNeverDecoded() {
		assertThat(this.screen.refusal("/%ZZ" + "a".repeat(20), null, 0)).map(ProblemException::getProblemType)
			.contains(ProblemType.URI_TOO_LONG);
	}

	@Test
	void refusalsSayTheLimitAndNotWhatTheClientSent() {
		assertThat(this.screen.refusal("/secret" + "a".repeat(20), null, 0)).hasValueSatisfying(
				(problem) -> assertThat(problem.getBody().getDetail()).contains("20 bytes").doesNotContain("secret"));
		assertThat(this.screen.refusal("/", null, 99))
			.hasValueSatisfying((problem) -> assertThat(problem.getBody().getDetail()).contains("30 bytes"));
	}

	@Test
	void limitsMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SuiteProperties.Http(DataSize.ofBytes(0), DataSize.ofKilobytes(8)));
	}

}
