package dev.ddspatterns.search.leaf.search;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

/** The problems the search API answers with. */
final class SearchProblems {

	private SearchProblems() {
	}

	static ProblemException invalid(String detail) {
		return new ProblemException(ProblemType.INVALID_REQUEST, detail);
	}

	static ProblemException notLoaded(int shard) {
		return new ProblemException(ProblemType.UNAVAILABLE,
				"The index of shard " + shard + " is not loaded yet; retry once the leaf is ready");
	}

}
