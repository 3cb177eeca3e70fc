package dev.ddspatterns.thumbnailer.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Part of the reduce: a video's frames laid out in one picture, left to right and top to
 * bottom in time order, on a grid as close to square as the count allows.
 */
public final class ContactSheet {

	private ContactSheet() {
	}

	/**
	 * A grid's shape.
	 *
	 * @param columns cells per row
	 * @param rows rows
	 */
	public record Grid(int columns, int rows) {

		/**
		 * @param cells how many pictures
		 * @return the smallest near-square grid that holds them
		 */
		public static Grid of(int cells) {
			int columns = (int) Math.ceil(Math.sqrt(cells));
			return new Grid(columns, (cells + columns - 1) / columns);
		}

	}

	/**
	 * Lays pictures out on a grid.
	 * @param pictures the pictures in order, all of the same size
	 * @return the sheet
	 */
	public static BufferedImage compose(List<BufferedImage> pictures) {
		Grid grid = Grid.of(pictures.size());
		int width = pictures.get(0).getWidth();
		int height = pictures.get(0).getHeight();
		BufferedImage sheet = new BufferedImage(grid.columns() * width, grid.rows() * height,
				BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = sheet.createGraphics();
		try {
			graphics.setColor(Color.BLACK);
			graphics.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
			for (int i = 0; i < pictures.size(); i++) {
				graphics.drawImage(pictures.get(i), (i % grid.columns()) * width, (i / grid.columns()) * height, null);
			}
		}
		finally {
			graphics.dispose();
		}
		return sheet;
	}

}
