package dev.ddspatterns.thumbnailer.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The filter's eyes: what a source really is, read from its bytes and headers, never from
 * what the client declared. Cheap by design: an image's or a video's frame size comes
 * from its header before any pixel is decoded, so a decompression bomb is refused, not
 * decoded.
 */
public final class MediaProbe {

	private final long maxPixels;

	private final long maxVideoPixels;

	private final VideoFrames videos;

	/**
	 * @param maxPixels the most pixels an image may have
	 * @param maxVideoPixels the most pixels a video's frame may have
	 * @param videos the video decoder
	 */
	public MediaProbe(long maxPixels, long maxVideoPixels, VideoFrames videos) {
		this.maxPixels = maxPixels;
		this.maxVideoPixels = maxVideoPixels;
		this.videos = videos;
	}

	/**
	 * What a source is.
	 *
	 * @param format the format
	 * @param width width in pixels
	 * @param height height in pixels
	 * @param durationMicros a video's length, 0 for images
	 */
	public record Probed(MediaFormat format, int width, int height, long durationMicros) {

	}

	/**
	 * Reads a source's format and size.
	 * @param file the source
	 * @param declared the format the client declared, if it did
	 * @return what the file is
	 * @throws RejectedMediaException if it is not a supported, readable image or video
	 */
	public Probed probe(Path file, @Nullable MediaFormat declared) {
		MediaFormat actual = MediaFormat.sniff(head(file))
			.orElseThrow(() -> new RejectedMediaException("content is not a supported image or video"
					+ ((declared != null) ? " (declared " + declared.mediaType() + ")" : "")));
		if (declared != null && actual.kind() != declared.kind()) {
			throw new RejectedMediaException(
					"content is " + actual.mediaType() + ", not the declared " + declared.mediaType());
		}
		return (actual.kind() == MediaFormat.Kind.IMAGE) ? probeImage(file, actual)
				: this.videos.probe(file, actual, this.maxVideoPixels);
	}

	private Probed probeImage(Path file, MediaFormat format) {
		try {
			return ImageDecoder.withReader(file, false, format.mediaType(), (reader) -> {
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width <= 0 || height <= 0) {
					throw new RejectedMediaException("image is " + width + "x" + height + ": it has no pixels");
				}
				if ((long) width * height > this.maxPixels) {
					throw new RejectedMediaException(
							"image is " + width + "x" + height + ", more than " + this.maxPixels + " pixels");
				}
				return new Probed(format, width, height, 0);
			});
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof RejectedMediaException rejected) {
				throw rejected;
			}
			throw new RejectedMediaException("corrupt " + format.mediaType() + ": " + ex.getMessage(), ex);
		}
	}

	private static byte[] head(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(16);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the source " + file, ex);
		}
	}

}
