package dev.ddspatterns.cache.readthrough;

import java.net.URI;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OriginRequestTests {

	private static final URI BASE = URI.create("http://search-root:8081/v1");

	@Test
	void theSamePathAndParametersInAnyOrderAreOneEntry() {
		OriginRequest request = OriginRequest.of(BASE, "/search", "q=cat&k=10");

		assertThat(request.uri()).isEqualTo(URI.create("http://search-root:8081/v1/search?k=10&q=cat"));
		assertThat(request.normalized()).isEqualTo("/search?k=10&q=cat")
			.isEqualTo(OriginRequest.of(BASE, "/search", "k=10&q=cat").normalized());
	}

	@Test
	void dotsInsideASegmentAndATrailingSlashArePlainPaths() {
		assertThat(OriginRequest.of(BASE, "/files/a..b/", null).uri())
			.isEqualTo(URI.create("http://search-root:8081/v1/files/a..b/"));
	}

	@Test
	void aPathOutOfTheBaseUrlIsAnInvalidRequest() {
		// Percent-encoded dots and slashes passed the check for ".." and "//", and the
		// origin, which decodes them, would have served /actuator (OriginRequestFuzzTests
		// found "/.%2fr:").
		for (String path : new String[] { "/../actuator", "/%2e%2e/actuator", "/.%2E/actuator", "/a/%2e/b", "/.%2fr:",
				"/x%2f..%2f..%2factuator", "/a//b", "relative" }) {
			assertInvalid(path, null);
		}
	}

	@Test
	void whatAUriCannotHoldIsAnInvalidRequestNotAFailure() {
		// Found by OriginRequestFuzzTests: each was an IllegalArgumentException, a 500.
		assertInvalid("/caf\u00ff", null);
		assertInvalid("/search", "q=%zz");
		assertInvalid("/%zz", null);
	}

	private static void assertInvalid(String path, String query) {
		assertThatExceptionOfType(ProblemException.class).as("%s?%s", path, query)
			.isThrownBy(() -> OriginRequest.of(BASE, path, query))
			.satisfies((ex) -> assertThat(ex.getProblemType()).isEqualTo(ProblemType.INVALID_REQUEST));
	}

}
