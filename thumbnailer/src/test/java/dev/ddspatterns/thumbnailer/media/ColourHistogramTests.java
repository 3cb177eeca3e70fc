package dev.ddspatterns.thumbnailer.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ColourHistogramTests {

	@Test
	void sharesAreCountedPerBinAndMergeAcrossPictures() {
		ColourHistogram histogram = new ColourHistogram().add(filled(10, 10, Color.RED))
			.add(filled(10, 10, Color.RED))
			.add(filled(10, 10, Color.BLUE))
			.add(filled(10, 10, new Color(250, 250, 250)));
		assertThat(histogram.total()).isEqualTo(400);
		assertThat(histogram.shares()).containsEntry("#e02020", 0.5)
			.containsEntry("#2020e0", 0.25)
			.containsEntry("#e0e0e0", 0.25)
			.hasSize(3);
		assertThat(histogram.dominant(2)).extracting(ColourHistogram.Dominant::colour).first().isEqualTo("#e02020");
		assertThat(histogram.dominant(2)).hasSize(2);
	}

	private static BufferedImage filled(int width, int height, Color colour) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(colour);
		graphics.fillRect(0, 0, width, height);
		graphics.dispose();
		return image;
	}

}
