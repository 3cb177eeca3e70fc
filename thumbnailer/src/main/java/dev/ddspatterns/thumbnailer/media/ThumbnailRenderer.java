package dev.ddspatterns.thumbnailer.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;

/**
 * The work itself: a high-quality downscale with Thumbnailator, cropped to fill the
 * requested box so every thumbnail of a job has the same size. An image file is decoded
 * by {@link ImageDecoder}: only what the thumbnail shows, turned upright by its EXIF
 * orientation. On JPEG output, transparent areas are white.
 */
public final class ThumbnailRenderer {

	/**
	 * Thumbnail settings.
	 *
	 * @param width width in pixels
	 * @param height height in pixels
	 * @param format output format: {@code jpg} or {@code png}
	 */
	public record Size(int width, int height, String format) {

	}

	/**
	 * @param format an output format, {@code jpg} or {@code png}
	 * @return its media type
	 */
	public static String mediaType(String format) {
		return "png".equals(format) ? "image/png" : "image/jpeg";
	}

	/**
	 * Renders an image file.
	 * @param image the source image
	 * @param size the thumbnail settings
	 * @return the encoded thumbnail
	 */
	public byte[] render(Path image, Size size) {
		BufferedImage decoded;
		try {
			decoded = ImageDecoder.decode(image, size.width(), size.height());
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new RejectedMediaException("cannot decode the image: " + ex.getMessage(), ex);
		}
		return render(decoded, size);
	}

	/**
	 * Renders a decoded picture, such as a video frame.
	 * @param picture the picture
	 * @param size the thumbnail settings
	 * @return the encoded thumbnail
	 */
	public byte[] render(BufferedImage picture, Size size) {
		try {
			boolean jpeg = "jpg".equals(size.format());
			return encode(Thumbnails.of((jpeg && picture.getColorModel().hasAlpha()) ? onWhite(picture) : picture),
					size);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static BufferedImage onWhite(BufferedImage picture) {
		BufferedImage flat = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = flat.createGraphics();
		try {
			graphics.setColor(Color.WHITE);
			graphics.fillRect(0, 0, flat.getWidth(), flat.getHeight());
			graphics.drawImage(picture, 0, 0, null);
		}
		finally {
			graphics.dispose();
		}
		return flat;
	}

	private static byte[] encode(Thumbnails.Builder<?> builder, Size size) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		builder.size(size.width(), size.height()).crop(Positions.CENTER).outputFormat(size.format());
		if ("jpg".equals(size.format())) {
			// JPEG has no alpha, and an indexed source (GIF) written as is comes out
			// black; transparent areas were made white before (onWhite).
			builder.imageType(BufferedImage.TYPE_INT_RGB).outputQuality(0.85);
		}
		else {
			builder.imageType(BufferedImage.TYPE_INT_ARGB);
		}
		builder.toOutputStream(out);
		return out.toByteArray();
	}

}
