package dev.ddspatterns.search.leaf.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchProblemsTests {

	@Test
	void aShortQueryIsQuotedWhole() {
		String detail = SearchProblems.invalidQuery("cat AND (dog", "Cannot parse 'cat AND (dog': Encountered <EOF>")
			.getBody()
			.getDetail();
		assertThat(detail).isEqualTo("Cannot parse 'cat AND (dog': Encountered <EOF>");
	}

	@Test
	void aLongQueryIsQuotedByItsStart() {
		String q = "(" + "cat ".repeat(1500);
		String detail = SearchProblems.invalidQuery(q, "Cannot parse '" + q + "': Encountered <EOF> at line 1")
			.getBody()
			.getDetail();
		assertThat(detail).isEqualTo("Cannot parse '" + q.substring(0, 64) + "...': Encountered <EOF> at line 1");
	}

	@Test
	void theParsersOwnWordsAreCutToo() {
		String term = "x".repeat(5000);
		String detail = SearchProblems.invalidQuery("a", "Encountered \"" + term + "\"").getBody().getDetail();
		assertThat(detail).hasSize(SearchProblems.MAX_DETAIL + 3).endsWith("...");
	}

	@Test
	void aCutNeverSplitsACharacter() {
		// U+1F408 (a cat) is two chars in Java; the 64th char is the first of a pair.
		String q = "a".repeat(63) + "\uD83D\uDC08" + "b".repeat(100);
		String detail = SearchProblems.invalidQuery(q, "Cannot parse '" + q + "'").getBody().getDetail();
		assertThat(detail).isEqualTo("Cannot parse '" + "a".repeat(63) + "...'");
	}

}
