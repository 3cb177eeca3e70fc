package dev.ddspatterns.search.root;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ddspatterns.search.root.ScatterGather.SearchResult;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root's request handling, from the parameters a client sends to the requests the
 * leaves get: whatever {@code q}, {@code k} and {@code dfs}, the root either refuses the
 * request as an {@code invalid-request} (400) before any leaf is asked, or it asks every
 * leaf for exactly the client's query, in requests a leaf's server accepts, and answers
 * completely: with every leaf up, never a 503 or a partial answer. The input is lines,
 * UTF-8: {@code k}, {@code dfs}, then the query, as Spring hands them to the controller;
 * fewer lines leave the first parameters out. The leaves are {@link InMemoryLeaves}.
 */
class SearchRequestFuzzTests {

	private final InMemoryLeaves leaves = new InMemoryLeaves();

	@FuzzTest
	void aRequestIsAnsweredForExactlyItsQueryOrRefusedAsInvalid(byte[] input) {
		String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 3);
		String q = lines[lines.length - 1];
		// Spring answers a k that is not a number, or a dfs that is not a boolean,
		// itself;
		// those lines stand for the parameter left out.
		int k = (lines.length > 1 && isInt(lines[0])) ? Integer.parseInt(lines[0]) : 10;
		Boolean dfs = (lines.length > 2 && lines[1].matches("true|false")) ? Boolean.valueOf(lines[1]) : null;
		this.leaves.queriesReceived().clear();
		this.leaves.refused().clear();

		ResponseEntity<SearchResult> answer;
		try {
			answer = this.leaves.controller().search(q, k, dfs);
		}
		catch (ProblemException refused) {
			assertThat(refused.getProblemType()).as(refused.getBody().getDetail())
				.isEqualTo(ProblemType.INVALID_REQUEST);
			assertThat(this.leaves.queriesReceived()).as("refused before the fan-out").isEmpty();
			assertThat(this.leaves.refused()).as("refused before the fan-out").isEmpty();
			return;
		}
		assertThat(answer.getBody().partial()).as("every leaf is up").isFalse();
		assertThat(answer.getBody().query()).isEqualTo(q);
		assertThat(this.leaves.queriesReceived()).isNotEmpty().containsOnly(q);
		assertThat(this.leaves.refused()).as("every leaf request fits a leaf's URI limit").isEmpty();
	}

	private static boolean isInt(String text) {
		try {
			Integer.parseInt(text);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
