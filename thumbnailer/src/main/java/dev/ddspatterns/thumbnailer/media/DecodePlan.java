package dev.ddspatterns.thumbnailer.media;

/**
 * How much of a picture to decode for one thumbnail, so that the memory a worker takes is
 * set by the thumbnail's size, not by the source's. A thumbnail fills its box and is
 * cropped in the centre, so only the centred region with the box's proportions is ever
 * shown; that region is decoded at an integer step (every {@code subsampling}-th pixel of
 * every {@code subsampling}-th row), the largest step that still leaves at least the
 * thumbnail's size. The decoded picture is then under twice the thumbnail's size in each
 * direction: under {@code 4 × width × height} pixels whatever the source, and the final,
 * high-quality downscale works from there.
 *
 * @param x left edge of the region in the source
 * @param y top edge of the region in the source
 * @param regionWidth width of the region in the source
 * @param regionHeight height of the region in the source
 * @param subsampling decode every n-th pixel and row of the region, at least 1
 */
public record DecodePlan(int x, int y, int regionWidth, int regionHeight, int subsampling) {

	/**
	 * Plans the decode of a source for a thumbnail box.
	 * @param sourceWidth width of the source as shown
	 * @param sourceHeight height of the source as shown
	 * @param width the thumbnail's width
	 * @param height the thumbnail's height
	 * @return the plan
	 */
	public static DecodePlan of(int sourceWidth, int sourceHeight, int width, int height) {
		// Compare proportions in integers: source wider than the box or not.
		boolean wider = (long) sourceWidth * height > (long) sourceHeight * width;
		int regionWidth = wider ? clamp((long) sourceHeight * width / height, sourceWidth) : sourceWidth;
		int regionHeight = wider ? sourceHeight : clamp((long) sourceWidth * height / width, sourceHeight);
		int subsampling = Math.max(1, Math.min(regionWidth / width, regionHeight / height));
		return new DecodePlan((sourceWidth - regionWidth) / 2, (sourceHeight - regionHeight) / 2, regionWidth,
				regionHeight, subsampling);
	}

	/**
	 * @return the same plan for the source stored turned by a quarter (EXIF orientations
	 * 5 to 8, video rotations of 90° and 270°): the centred region is symmetric, so only
	 * the axes swap
	 */
	public DecodePlan transposed() {
		return new DecodePlan(this.y, this.x, this.regionHeight, this.regionWidth, this.subsampling);
	}

	/**
	 * @return width of the decoded picture
	 */
	public int decodedWidth() {
		return ceilDiv(this.regionWidth, this.subsampling);
	}

	/**
	 * @return height of the decoded picture
	 */
	public int decodedHeight() {
		return ceilDiv(this.regionHeight, this.subsampling);
	}

	private static int clamp(long value, int max) {
		return (int) Math.max(1, Math.min(value, max));
	}

	private static int ceilDiv(int value, int divisor) {
		return (value + divisor - 1) / divisor;
	}

}
