package dev.ddspatterns.thumbnailer.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactSheetTests {

	@Test
	void gridsAreAsSquareAsTheCountAllows() {
		assertThat(ContactSheet.Grid.of(1)).isEqualTo(new ContactSheet.Grid(1, 1));
		assertThat(ContactSheet.Grid.of(2)).isEqualTo(new ContactSheet.Grid(2, 1));
		assertThat(ContactSheet.Grid.of(5)).isEqualTo(new ContactSheet.Grid(3, 2));
		assertThat(ContactSheet.Grid.of(6)).isEqualTo(new ContactSheet.Grid(3, 2));
		assertThat(ContactSheet.Grid.of(9)).isEqualTo(new ContactSheet.Grid(3, 3));
		assertThat(ContactSheet.Grid.of(10)).isEqualTo(new ContactSheet.Grid(4, 3));
	}

	@Test
	void theSheetIsTheGridTimesTheCellSizeWhenItFits() {
		ContactSheet.Layout layout = ContactSheet.Layout.of(7, 40, 30, 1_000_000);
		assertThat(layout).isEqualTo(new ContactSheet.Layout(new ContactSheet.Grid(3, 3), 40, 30));
		assertThat(layout.width()).isEqualTo(3 * 40);
		assertThat(layout.height()).isEqualTo(3 * 30);
	}

	@Test
	void cellsShrinkToKeepTheSheetWithinItsPixels() {
		// 120 thumbnails of 2048x2048 on 11x11 cells would be 22528x22528 (507 MP).
		ContactSheet.Layout layout = ContactSheet.Layout.of(120, 2048, 2048, 8_000_000);
		assertThat(layout.grid()).isEqualTo(new ContactSheet.Grid(11, 11));
		assertThat((long) layout.width() * layout.height()).isLessThanOrEqualTo(8_000_000);
		assertThat(layout.cellWidth()).isEqualTo(layout.cellHeight()).isEqualTo(257);
		// Proportions kept.
		ContactSheet.Layout wide = ContactSheet.Layout.of(120, 1920, 1080, 8_000_000);
		assertThat((double) wide.cellWidth() / wide.cellHeight()).isCloseTo(1920 / 1080.0,
				org.assertj.core.data.Offset.offset(0.01));
	}

	@Test
	void picturesAreDrawnInOrderScaledToTheirCells() {
		ContactSheet sheet = new ContactSheet(ContactSheet.Layout.of(3, 100, 100, 3 * 50 * 50));
		sheet.add(filled(Color.RED, 100)).add(filled(Color.GREEN, 100)).add(filled(Color.BLUE, 100));
		BufferedImage picture = sheet.picture();
		assertThat(picture.getWidth()).isEqualTo(2 * 43);
		assertThat(new Color(picture.getRGB(20, 20))).isEqualTo(Color.RED);
		assertThat(new Color(picture.getRGB(43 + 20, 20))).isEqualTo(Color.GREEN);
		assertThat(new Color(picture.getRGB(20, 43 + 20))).isEqualTo(Color.BLUE);
		assertThat(new Color(picture.getRGB(43 + 20, 43 + 20))).as("no fourth picture").isEqualTo(Color.BLACK);
	}

	private static BufferedImage filled(Color colour, int size) {
		BufferedImage picture = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = picture.createGraphics();
		graphics.setColor(colour);
		graphics.fillRect(0, 0, size, size);
		graphics.dispose();
		return picture;
	}

}
