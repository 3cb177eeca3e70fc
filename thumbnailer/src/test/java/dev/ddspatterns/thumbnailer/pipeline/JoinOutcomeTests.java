package dev.ddspatterns.thumbnailer.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JoinOutcomeTests {

	private static final Pattern RETURN = Pattern.compile("^\\s*return (\\d+)\\s*$", Pattern.MULTILINE);

	@Test
	void eachAnswerOfTheScriptIsOneOutcome() {
		assertThat(JoinOutcome.of(0L)).isEqualTo(JoinOutcome.WAITING);
		assertThat(JoinOutcome.of(1L)).isEqualTo(JoinOutcome.PUBLISH);
		assertThat(JoinOutcome.of(2L)).isEqualTo(JoinOutcome.PUBLISHED);
		assertThat(JoinOutcome.of(3L)).isEqualTo(JoinOutcome.CLAIMED_ELSEWHERE);
	}

	@Test
	void anAnswerTheScriptDoesNotGiveIsAnError() {
		assertThatIllegalStateException().isThrownBy(() -> JoinOutcome.of(4L));
		assertThatIllegalStateException().isThrownBy(() -> JoinOutcome.of(null));
	}

	@Test
	void theScriptReturnsExactlyTheAnswersTheEnumKnows() throws IOException {
		String script = new ClassPathResource("scripts/join.lua").getContentAsString(StandardCharsets.UTF_8);
		assertThat(RETURN.matcher(script).results().map((result) -> Long.valueOf(result.group(1))))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(JoinOutcome.values()).map(JoinOutcome::answer).toList());
	}

}
