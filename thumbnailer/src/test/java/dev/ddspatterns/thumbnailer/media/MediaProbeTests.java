package dev.ddspatterns.thumbnailer.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import dev.ddspatterns.thumbnailer.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What the filter's probe makes of a source's bytes. */
class MediaProbeTests {

	@TempDir
	Path directory;

	private final MediaProbe probe = new MediaProbe(40_000_000, 8_294_400, new VideoFrames());

	@Test
	void anImageIsItsFormatAndSize() throws IOException {
		MediaProbe.Probed probed = this.probe.probe(source(TestMedia.picture(8, 6, "gif")), null);

		assertThat(probed).isEqualTo(new MediaProbe.Probed(MediaFormat.GIF, 8, 6, 0));
	}

	@Test
	void anImageOfNoPixelsIsRefusedWithAReason() throws IOException {
		// Found by MediaProbeFuzzTests: a GIF whose image descriptor says 0 pixels wide
		// (a
		// screen of 8x6, then an image of 0x8) was accepted as 0x8, for the workers to
		// make a thumbnail of nothing.
		Path gif = source(HexFormat.of()
			.parseHex("47494638396108000600f000000000ffff00002c00007d000000080006004008170003080c00a0208081040d2239"
					+ "787020c3850a1d1a0c08003b"));

		assertThatExceptionOfType(RejectedMediaException.class).isThrownBy(() -> this.probe.probe(gif, null))
			.withMessage("image is 0x8: it has no pixels");
	}

	private Path source(byte[] bytes) throws IOException {
		return Files.write(this.directory.resolve("source"), bytes);
	}

}
