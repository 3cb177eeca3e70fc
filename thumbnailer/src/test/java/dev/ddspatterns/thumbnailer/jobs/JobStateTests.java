package dev.ddspatterns.thumbnailer.jobs;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JobStateTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void isWrittenInLowerCaseAsTheApiAndRedisShowIt() {
		assertThat(this.json.writeValueAsString(JobState.DONE)).isEqualTo("\"done\"");
		assertThat(this.json.readValue("\"failed\"", JobState.class)).isEqualTo(JobState.FAILED);
		for (JobState state : JobState.values()) {
			assertThat(JobState.of(state.value())).isEqualTo(state);
		}
	}

	@Test
	void onlyDoneAndFailedHaveEnded() {
		assertThat(JobState.values()).filteredOn(JobState::hasEnded).containsExactly(JobState.DONE, JobState.FAILED);
	}

	@Test
	void anUnknownStoredStateIsAnError() {
		assertThatIllegalStateException().isThrownBy(() -> JobState.of("DONE"));
	}

	@Test
	void eachAnswerOfTheTransitionScriptIsOneOutcome() {
		assertThat(Transition.of(1L)).isEqualTo(Transition.MOVED);
		assertThat(Transition.of(0L)).isEqualTo(Transition.ENDED);
		assertThat(Transition.of(-1L)).isEqualTo(Transition.MISSING);
		assertThat(Transition.of(null)).isEqualTo(Transition.MISSING);
		assertThatIllegalStateException().isThrownBy(() -> Transition.of(2L));
	}

}
