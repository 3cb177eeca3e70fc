package dev.ddspatterns.search.root;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What the root accepts of a request before it asks a leaf. */
class SearchControllerTests {

	private final InMemoryLeaves leaves = new InMemoryLeaves();

	@Test
	void aQueryOverTheLimitIsRefusedBeforeAnyLeafIsAsked() {
		// Found by SearchRequestFuzzTests (and seen on the demo with 2,000 terms): the
		// root sent it on in a URL longer than a leaf accepts, took the leaves' refusal
		// (then Tomcat's HTML 400) for failed shards and answered 503.
		String twoThousandTerms = IntStream.range(0, 2000).mapToObj((i) -> "+t" + i).collect(Collectors.joining(" "));

		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.leaves.controller().search(twoThousandTerms, 10, null))
			.satisfies((ex) -> {
				assertThat(ex.getProblemType()).isEqualTo(ProblemType.INVALID_REQUEST);
				assertThat(ex.getBody().getDetail()).contains(String.valueOf(SearchController.MAX_QUERY_BYTES))
					.doesNotContain("+t1");
			});
		assertThat(this.leaves.queriesReceived()).isEmpty();
		assertThat(this.leaves.refused()).isEmpty();
	}

	@Test
	void theMostClausesALeafAcceptsFitTheLimitAndOneMoreDoesNot() {
		// One-letter terms, one space apart: the most terms a query of this many bytes
		// can hold, so the byte limit is the clause limit, checked before the fan-out.
		String mostClauses = terms(SearchController.MAX_CLAUSES);
		String oneClauseMore = terms(SearchController.MAX_CLAUSES + 1);

		assertThat(this.leaves.controller().search(mostClauses, 10, false).getBody().partial()).isFalse();
		assertThat(this.leaves.queriesReceived()).hasSize(2).containsOnly(mostClauses);
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.leaves.controller().search(oneClauseMore, 10, false))
			.extracting(ProblemException::getProblemType)
			.isEqualTo(ProblemType.INVALID_REQUEST);
		assertThat(this.leaves.queriesReceived()).hasSize(2);
	}

	private static String terms(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "t").collect(Collectors.joining(" "));
	}

	@Test
	void aQueryAtTheLimitReachesEveryLeafAsSent() {
		// Three bytes a character, each percent-encoded: the longest URL a query can
		// make.
		String euros = "\u20ac".repeat(SearchController.MAX_QUERY_BYTES / 3);
		assertThat(euros.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SearchController.MAX_QUERY_BYTES);

		assertThat(this.leaves.controller().search(euros, 10, false).getBody().partial()).isFalse();
		assertThat(this.leaves.queriesReceived()).hasSize(2).containsOnly(euros);
	}

}
