package dev.ddspatterns.thumbnailer.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaSplitterTests {

	@Test
	void aVideoGetsAFrameAtZeroAndOneEveryIntervalBeforeItsEnd() {
		assertThat(MediaSplitter.frameCount(30_000_000, 5)).isEqualTo(6);
		assertThat(MediaSplitter.frameCount(30_000_001, 5)).isEqualTo(7);
		assertThat(MediaSplitter.frameCount(10_000_000, 2)).isEqualTo(5);
		assertThat(MediaSplitter.frameCount(400_000, 5)).isEqualTo(1);
	}

}
