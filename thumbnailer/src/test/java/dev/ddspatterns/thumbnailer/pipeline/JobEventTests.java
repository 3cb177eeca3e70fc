package dev.ddspatterns.thumbnailer.pipeline;

import dev.ddspatterns.thumbnailer.pipeline.Events.JobEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JobEventTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void typesAreWrittenAsCallbacksReceiveThem() {
		assertThat(this.json.writeValueAsString(JobEvent.done("j1"))).contains("\"type\":\"job-done\"");
		assertThat(this.json.writeValueAsString(JobEvent.failed("j1", "corrupt"))).contains("\"type\":\"job-failed\"");
		assertThat(this.json.readValue("{\"type\":\"thumbnail-created\",\"jobId\":\"j1\",\"thumbnail\":3}",
				JobEvent.class))
			.isEqualTo(new JobEvent(JobEvent.Type.THUMBNAIL_CREATED, "j1", 3, null));
	}

	@Test
	void onlyTheEndOfAJobFinishesIt() {
		assertThat(JobEvent.done("j1").finishesJob()).isTrue();
		assertThat(JobEvent.failed("j1", "corrupt").finishesJob()).isTrue();
		assertThat(new JobEvent(JobEvent.Type.THUMBNAIL_CREATED, "j1", 0, null).finishesJob()).isFalse();
	}

}
