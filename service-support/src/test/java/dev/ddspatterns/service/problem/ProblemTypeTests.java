package dev.ddspatterns.service.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Type URIs are a published contract: clients switch on them, so they must not drift.
 */
class ProblemTypeTests {

	@Test
	void typeUrisAreTheDocumentedOnes() {
		assertThat(ProblemType.values()).extracting((type) -> type.uri().toString())
			.containsExactly("urn:dds-suite:problem:invalid-request", "urn:dds-suite:problem:unauthorized",
					"urn:dds-suite:problem:not-found", "urn:dds-suite:problem:method-not-allowed",
					"urn:dds-suite:problem:not-acceptable", "urn:dds-suite:problem:conflict",
					"urn:dds-suite:problem:payload-too-large", "urn:dds-suite:problem:uri-too-long",
					"urn:dds-suite:problem:unsupported-media-type", "urn:dds-suite:problem:rate-limited",
					"urn:dds-suite:problem:request-header-fields-too-large", "urn:dds-suite:problem:internal",
					"urn:dds-suite:problem:unavailable", "urn:dds-suite:problem:upstream-timeout",
					"urn:dds-suite:problem:insufficient-storage");
	}

	@Test
	void eachStatusHasAtMostOneKind() {
		assertThat(ProblemType.values()).extracting(ProblemType::status).doesNotHaveDuplicates();
	}

	@Test
	void statusWithoutAKindHasNoType() {
		assertThat(ProblemType.forStatus(429)).contains(ProblemType.RATE_LIMITED);
		assertThat(ProblemType.forStatus(410)).isEmpty();
	}

	@Test
	void problemDetailCarriesTypeStatusTitleAndDetail() {
		var problem = ProblemType.UNAVAILABLE.toProblemDetail("Shard 3 has no leader.");
		assertThat(problem.getType()).hasToString("urn:dds-suite:problem:unavailable");
		assertThat(problem.getStatus()).isEqualTo(503);
		assertThat(problem.getTitle()).isEqualTo("Service unavailable");
		assertThat(problem.getDetail()).isEqualTo("Shard 3 has no leader.");
	}

}
