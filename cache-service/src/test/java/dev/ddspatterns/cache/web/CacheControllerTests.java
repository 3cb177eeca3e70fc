package dev.ddspatterns.cache.web;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CacheControllerTests {

	@Test
	void aValueIsStoredWithTheMediaTypeItWasSentWith() {
		assertThat(CacheController.contentType("text/plain; charset=UTF-8")).isEqualTo("text/plain;charset=UTF-8");
		assertThat(CacheController.contentType(null)).isEqualTo("application/octet-stream");
	}

	@Test
	void aContentTypeThatIsNotAMediaTypeIsAnInvalidRequest() {
		// Found by CacheValuesFuzzTests: an InvalidMediaTypeException, a 500.
		assertInvalid("foo");
	}

	@Test
	void aContentTypeRedisCannotKeepAsSentIsAnInvalidRequest() {
		// Found by CacheValuesFuzzTests: kept as US-ASCII, a quoted parameter's é (a
		// header byte Tomcat lets through) came back as ?.
		assertInvalid("text/plain; title=\"caf\u00e9\"");
	}

	@Test
	void aContentTypeAGetCouldNotAnswerWithIsAnInvalidRequest() {
		// Found by CacheValuesFuzzTests: the second c takes the first one's place, where
		// its lone quote swallows the rest of the stored type: no GET could parse it.
		assertInvalid("text/plain;c=;t=*;c='\"'");
	}

	private static void assertInvalid(String header) {
		assertThatExceptionOfType(ProblemException.class).as(header)
			.isThrownBy(() -> CacheController.contentType(header))
			.satisfies((ex) -> assertThat(ex.getProblemType()).isEqualTo(ProblemType.INVALID_REQUEST));
	}

}
