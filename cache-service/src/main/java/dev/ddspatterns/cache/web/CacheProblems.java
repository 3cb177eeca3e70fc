package dev.ddspatterns.cache.web;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

/** The problems the cache API answers with. */
final class CacheProblems {

	private CacheProblems() {
	}

	static ProblemException invalid(String detail) {
		return new ProblemException(ProblemType.INVALID_REQUEST, detail);
	}

	static ProblemException notFound(String key) {
		return new ProblemException(ProblemType.NOT_FOUND, "No value for key " + key);
	}

	static ProblemException tooLarge(long size, long max) {
		return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
				"The value is " + size + " bytes; the limit is " + max);
	}

}
