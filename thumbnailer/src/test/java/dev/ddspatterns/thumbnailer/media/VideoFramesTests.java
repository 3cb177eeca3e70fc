package dev.ddspatterns.thumbnailer.media;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import dev.ddspatterns.thumbnailer.TestMedia;
import dev.ddspatterns.thumbnailer.media.VideoFrames.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link VideoFrames}, on videos FFmpeg encodes for the test.
 */
class VideoFramesTests {

	@TempDir
	Path directory;

	private final VideoFrames frames = new VideoFrames();

	@Test
	void theDisplayMatrixRotationGivesTheTurnToTheNearestQuarter() {
		assertThat(Turn.ofDisplayRotation(Double.NaN)).isEqualTo(Turn.NONE);
		assertThat(Turn.ofDisplayRotation(0)).isEqualTo(Turn.NONE);
		assertThat(Turn.ofDisplayRotation(-90)).isEqualTo(Turn.CLOCKWISE);
		assertThat(Turn.ofDisplayRotation(270)).isEqualTo(Turn.CLOCKWISE);
		assertThat(Turn.ofDisplayRotation(90)).isEqualTo(Turn.COUNTERCLOCKWISE);
		assertThat(Turn.ofDisplayRotation(-270.4)).isEqualTo(Turn.COUNTERCLOCKWISE);
		assertThat(Turn.ofDisplayRotation(180)).isEqualTo(Turn.HALF);
		assertThat(Turn.ofDisplayRotation(-180)).isEqualTo(Turn.HALF);
		assertThat(Turn.ofDisplayRotation(44)).isEqualTo(Turn.NONE);
	}

	@Test
	void aVideoFilmedUprightIsProbedAndFramedAsPlayersShowIt() {
		// Stored 320x180, left half red and right half blue, turned a quarter clockwise
		// to show: 180x320 with red on top.
		Path video = TestMedia.turnedVideo(this.directory.resolve("upright.mp4"), 320, 180, -90);
		MediaProbe.Probed probed = this.frames.probe(video, MediaFormat.MP4, 320 * 180);
		assertThat(probed.width()).isEqualTo(180);
		assertThat(probed.height()).isEqualTo(320);
		BufferedImage frame = this.frames.frameAt(video, 500_000, 90, 160);
		assertThat(frame.getWidth()).isEqualTo(90);
		assertThat(frame.getHeight()).isEqualTo(160);
		assertThat(TestMedia.near(frame.getRGB(45, 20), Color.RED)).as("top").isTrue();
		assertThat(TestMedia.near(frame.getRGB(45, 140), Color.BLUE)).as("bottom").isTrue();
	}

	@Test
	void aVideoTurnedUpsideDownIsShownTheRightWayUp() {
		Path video = TestMedia.turnedVideo(this.directory.resolve("upside-down.mp4"), 320, 180, 180);
		BufferedImage frame = this.frames.frameAt(video, 500_000, 160, 90);
		assertThat(TestMedia.near(frame.getRGB(20, 45), Color.BLUE)).as("left").isTrue();
		assertThat(TestMedia.near(frame.getRGB(140, 45), Color.RED)).as("right").isTrue();
	}

	@Test
	void framesOverThePixelLimitAreRefusedBeforeDecoding() {
		Path video = TestMedia.turnedVideo(this.directory.resolve("large.mp4"), 320, 180, 0);
		assertThatExceptionOfType(RejectedMediaException.class)
			.isThrownBy(() -> this.frames.probe(video, MediaFormat.MP4, 320 * 180 - 1))
			.withMessageContaining("320x180");
	}

}
