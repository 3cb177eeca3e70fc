package dev.ddspatterns.thumbnailer.media;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ddspatterns.thumbnailer.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MediaFormatTests {

	@Test
	void picturesAreRecognisedByTheirMagicBytes() {
		assertThat(MediaFormat.sniff(TestMedia.picture(8, 8, "jpg"))).contains(MediaFormat.JPEG);
		assertThat(MediaFormat.sniff(TestMedia.picture(8, 8, "png"))).contains(MediaFormat.PNG);
		assertThat(MediaFormat.sniff(TestMedia.picture(8, 8, "gif"))).contains(MediaFormat.GIF);
		assertThat(MediaFormat.sniff(TestMedia.picture(8, 8, "bmp"))).contains(MediaFormat.BMP);
	}

	@Test
	void videosAreRecognisedByTheirContainer(@TempDir Path dir) throws Exception {
		byte[] mp4 = Files.readAllBytes(TestMedia.video(dir.resolve("a.mp4"), 1, 64, 48));
		byte[] webm = Files.readAllBytes(TestMedia.video(dir.resolve("a.webm"), 1, 64, 48));
		assertThat(MediaFormat.sniff(mp4)).contains(MediaFormat.MP4);
		assertThat(MediaFormat.sniff(webm)).contains(MediaFormat.WEBM);
	}

	@Test
	void textAndShortInputAreNotMedia() {
		assertThat(MediaFormat.sniff("hello, world".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(MediaFormat.sniff(new byte[] { (byte) 0xff })).isEmpty();
	}

	@Test
	void declaredTypesAreMatchedWithoutTheirParameters() {
		assertThat(MediaFormat.forMediaType("image/PNG")).contains(MediaFormat.PNG);
		assertThat(MediaFormat.forMediaType("video/mp4; codecs=avc1")).contains(MediaFormat.MP4);
		assertThat(MediaFormat.forMediaType("image/tiff")).isEmpty();
	}

}
