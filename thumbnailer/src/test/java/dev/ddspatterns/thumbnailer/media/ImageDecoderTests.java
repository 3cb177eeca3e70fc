package dev.ddspatterns.thumbnailer.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import dev.ddspatterns.thumbnailer.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ImageDecoder}.
 */
class ImageDecoderTests {

	@TempDir
	Path directory;

	@Test
	void aQuarterTurnedJpegIsDecodedUprightAndOnlyAsLargeAsTheThumbnailNeeds() throws IOException {
		// Stored 400x200, left half red and right half blue, with the EXIF segment ahead
		// of the JFIF one as cameras write it; orientation 6 means the stored left edge
		// is the top as shown (200x400).
		Path file = Files.write(this.directory.resolve("turned.jpg"), TestMedia.jpegWithOrientation(400, 200, 6));
		BufferedImage decoded = ImageDecoder.decode(file, 45, 80);
		DecodePlan plan = DecodePlan.of(200, 400, 45, 80);
		assertThat(decoded.getWidth()).isEqualTo(plan.decodedWidth());
		assertThat(decoded.getHeight()).isEqualTo(plan.decodedHeight());
		assertThat(TestMedia.near(decoded.getRGB(decoded.getWidth() / 2, 2), Color.RED)).isTrue();
		assertThat(TestMedia.near(decoded.getRGB(decoded.getWidth() / 2, decoded.getHeight() - 3), Color.BLUE))
			.isTrue();
	}

	@Test
	void aCmykJpegKeepsTheColoursOfItsRgbOriginal() throws IOException {
		BufferedImage original = bands(320, 240);
		Path file = this.directory.resolve("cmyk.jpg");
		assertThat(ImageIO.write(toCmyk(original), "jpeg", file.toFile())).isTrue();
		BufferedImage decoded = ImageDecoder.decode(file, 320, 240);
		assertThat(decoded.getWidth()).isEqualTo(320);
		assertThat(meanDifference(original, decoded)).isLessThan(8.0);
	}

	private static BufferedImage bands(int width, int height) {
		Color[] colours = { new Color(200, 60, 50), new Color(60, 160, 80), new Color(50, 90, 200),
				new Color(230, 210, 90), new Color(120, 120, 120) };
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		for (int i = 0; i < colours.length; i++) {
			graphics.setColor(colours[i]);
			graphics.fillRect(i * width / colours.length, 0, width / colours.length + 1, height);
		}
		graphics.dispose();
		return image;
	}

	private static BufferedImage toCmyk(BufferedImage rgb) {
		ColorSpace cmyk = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
		ComponentColorModel model = new ComponentColorModel(cmyk, false, false, ComponentColorModel.OPAQUE,
				DataBuffer.TYPE_BYTE);
		WritableRaster raster = model.createCompatibleWritableRaster(rgb.getWidth(), rgb.getHeight());
		for (int y = 0; y < rgb.getHeight(); y++) {
			for (int x = 0; x < rgb.getWidth(); x++) {
				float[] ink = ink(new Color(rgb.getRGB(x, y)).getRGBColorComponents(null));
				for (int band = 0; band < 4; band++) {
					raster.setSample(x, y, band, Math.round(ink[band] * 255));
				}
			}
		}
		return new BufferedImage(model, raster, false, null);
	}

	/**
	 * The plain conversion a prepress tool without colour management makes: black takes
	 * what the three colours share.
	 */
	private static float[] ink(float[] rgb) {
		float black = 1 - Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
		float[] ink = new float[4];
		for (int i = 0; i < 3; i++) {
			ink[i] = (black < 1) ? (1 - rgb[i] - black) / (1 - black) : 0;
		}
		ink[3] = black;
		return ink;
	}

	private static double meanDifference(BufferedImage a, BufferedImage b) {
		long sum = 0;
		Raster ra = a.getData();
		for (int y = 0; y < a.getHeight(); y++) {
			for (int x = 0; x < a.getWidth(); x++) {
				Color ca = new Color(a.getRGB(x, y));
				Color cb = new Color(b.getRGB(x, y));
				sum += Math.abs(ca.getRed() - cb.getRed()) + Math.abs(ca.getGreen() - cb.getGreen())
						+ Math.abs(ca.getBlue() - cb.getBlue());
			}
		}
		return (double) sum / (3L * ra.getWidth() * ra.getHeight());
	}

}
