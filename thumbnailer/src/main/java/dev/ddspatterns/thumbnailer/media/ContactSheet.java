package dev.ddspatterns.thumbnailer.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;

import net.coobird.thumbnailator.Thumbnails;

/**
 * Part of the reduce: a video's frames laid out in one picture, left to right and top to
 * bottom in time order, on a grid as close to square as the count allows. The sheet is
 * drawn one picture at a time, so the reduce holds the sheet and one thumbnail, never all
 * of them; and the sheet has at most a configured number of pixels, its cells scaled down
 * to fit.
 */
public final class ContactSheet {

	private final Layout layout;

	private final BufferedImage sheet;

	private int cells;

	/**
	 * An empty (black) sheet.
	 * @param layout its layout
	 */
	public ContactSheet(Layout layout) {
		this.layout = layout;
		this.sheet = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = this.sheet.createGraphics();
		try {
			graphics.setColor(Color.BLACK);
			graphics.fillRect(0, 0, layout.width(), layout.height());
		}
		finally {
			graphics.dispose();
		}
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
	 * Where the pictures go.
	 *
	 * @param grid the grid
	 * @param cellWidth width of a cell
	 * @param cellHeight height of a cell
	 */
	public record Layout(Grid grid, int cellWidth, int cellHeight) {

		/**
		 * @param cells how many pictures
		 * @param width the pictures' width
		 * @param height the pictures' height
		 * @param maxPixels the most pixels the sheet may have
		 * @return the grid, with cells of the pictures' size, or scaled down (keeping
		 * their proportions) to keep the sheet within {@code maxPixels}
		 */
		public static Layout of(int cells, int width, int height, long maxPixels) {
			Grid grid = Grid.of(cells);
			double full = (double) grid.columns() * width * grid.rows() * height;
			double scale = Math.min(1, Math.sqrt(maxPixels / full));
			return new Layout(grid, Math.max(1, (int) (width * scale)), Math.max(1, (int) (height * scale)));
		}

		public int width() {
			return this.grid.columns() * this.cellWidth;
		}

		public int height() {
			return this.grid.rows() * this.cellHeight;
		}

	}

	/**
	 * Draws the next picture into the next cell, scaled to the cell.
	 * @param picture the picture
	 * @return this sheet
	 */
	public ContactSheet add(BufferedImage picture) {
		BufferedImage cell = picture;
		if (picture.getWidth() != this.layout.cellWidth() || picture.getHeight() != this.layout.cellHeight()) {
			try {
				cell = Thumbnails.of(picture)
					.forceSize(this.layout.cellWidth(), this.layout.cellHeight())
					.asBufferedImage();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		int column = this.cells % this.layout.grid().columns();
		int row = this.cells / this.layout.grid().columns();
		Graphics2D graphics = this.sheet.createGraphics();
		try {
			graphics.drawImage(cell, column * this.layout.cellWidth(), row * this.layout.cellHeight(), null);
		}
		finally {
			graphics.dispose();
		}
		this.cells++;
		return this;
	}

	/**
	 * @return the sheet as drawn so far
	 */
	public BufferedImage picture() {
		return this.sheet;
	}

}
