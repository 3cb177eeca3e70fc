package dev.ddspatterns.thumbnailer.media;

import java.awt.image.BufferedImage;
import java.util.Collections;

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
	void theSheetIsTheGridTimesTheCellSize() {
		BufferedImage cell = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		BufferedImage sheet = ContactSheet.compose(Collections.nCopies(7, cell));
		assertThat(sheet.getWidth()).isEqualTo(3 * 40);
		assertThat(sheet.getHeight()).isEqualTo(3 * 30);
	}

}
