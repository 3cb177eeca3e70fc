package dev.ddspatterns.search.leaf.search;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

/** The problems the search API answers with. */
final class SearchProblems {

	/** How much of a query a problem quotes back: enough to recognise it. */
	static final int QUOTED_QUERY = 64;

	/**
	 * How long a detail may grow: the parser's explanation can carry a term of the query
	 * of its own.
	 */
	static final int MAX_DETAIL = 300;

	private SearchProblems() {
	}

	static ProblemException invalid(String detail) {
		return new ProblemException(ProblemType.INVALID_REQUEST, detail);
	}

	/**
	 * A query the parser refused, in the parser's words, which quote the whole query: a
	 * query of kilobytes is quoted by its first {@value #QUOTED_QUERY} characters, and
	 * the detail is cut at {@value #MAX_DETAIL}.
	 * @param q the query
	 * @param message why the parser refused it
	 * @return the problem to answer with
	 */
	static ProblemException invalidQuery(String q, String message) {
		String detail = (q.length() > QUOTED_QUERY) ? message.replace(q, startOf(q, QUOTED_QUERY) + "...") : message;
		return invalid((detail.length() > MAX_DETAIL) ? startOf(detail, MAX_DETAIL) + "..." : detail);
	}

	/** At most the first {@code length} characters, never half a surrogate pair. */
	private static String startOf(String text, int length) {
		int end = Character.isLowSurrogate(text.charAt(length)) ? length - 1 : length;
		return text.substring(0, end);
	}

	static ProblemException notLoaded(int shard) {
		return new ProblemException(ProblemType.UNAVAILABLE,
				"The index of shard " + shard + " is not loaded yet; retry once the leaf is ready");
	}

}
