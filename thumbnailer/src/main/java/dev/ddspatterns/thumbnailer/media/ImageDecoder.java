package dev.ddspatterns.thumbnailer.media;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an image file for one thumbnail by its {@link DecodePlan}: ImageIO reads only
 * the region the crop keeps, at the plan's step, so a 40-megapixel photo never exists in
 * memory at full size. A JPEG's EXIF orientation is read first (the plan is made for the
 * picture as shown) and applied to the small decoded picture.
 */
final class ImageDecoder {

	private ImageDecoder() {
	}

	static BufferedImage decode(Path file, int width, int height) throws IOException {
		return withReader(file, true, "this image", (reader) -> {
			Orientation orientation = orientation(reader);
			boolean quarterTurn = orientation != null && orientation.ordinal() >= Orientation.LEFT_TOP.ordinal();
			int storedWidth = reader.getWidth(0);
			int storedHeight = reader.getHeight(0);
			DecodePlan plan = quarterTurn ? DecodePlan.of(storedHeight, storedWidth, width, height).transposed()
					: DecodePlan.of(storedWidth, storedHeight, width, height);
			ImageReadParam param = reader.getDefaultReadParam();
			param.setSourceRegion(new Rectangle(plan.x(), plan.y(), plan.regionWidth(), plan.regionHeight()));
			param.setSourceSubsampling(plan.subsampling(), plan.subsampling(), 0, 0);
			BufferedImage decoded = reader.read(0, param);
			return (orientation != null && orientation != Orientation.TOP_LEFT)
					? ExifFilterUtils.getFilterForOrientation(orientation).apply(decoded) : decoded;
		});
	}

	/**
	 * Runs some work on the first reader ImageIO has for a file's content, and disposes
	 * of it: the header read by the probe and the decode share it.
	 * @param file the image
	 * @param readMetadata whether the reader keeps metadata (EXIF) as it reads
	 * @param what the content, for the message when no reader takes it
	 * @param work what to do with the reader
	 * @return what the work returns
	 * @throws IOException if reading fails
	 */
	static <T> T withReader(Path file, boolean readMetadata, String what, ReaderWork<T> work) throws IOException {
		try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
			Iterator<ImageReader> readers = (input != null) ? ImageIO.getImageReaders(input)
					: Collections.emptyIterator();
			if (!readers.hasNext()) {
				throw new RejectedMediaException("no decoder for " + what);
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, !readMetadata);
				return work.apply(reader);
			}
			finally {
				reader.dispose();
			}
		}
	}

	/**
	 * Work on an image reader.
	 *
	 * @param <T> what it answers
	 */
	@FunctionalInterface
	interface ReaderWork<T> {

		T apply(ImageReader reader) throws IOException;

	}

	private static @Nullable Orientation orientation(ImageReader reader) {
		try {
			if (!reader.getFormatName().toLowerCase(Locale.ROOT).contains("jp")) {
				return null;
			}
			return ExifUtils.getExifOrientation(reader, 0);
		}
		catch (IOException | RuntimeException ex) {
			// Unreadable EXIF: show the picture as stored.
			return null;
		}
	}

}
