package dev.ddspatterns.thumbnailer.media;

import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The book's "distribution of colours", as a reduce: every pixel counted into one of 64
 * colour bins (two bits per channel), histograms of many frames summed. Adding is
 * associative, so frames can be counted in any order and merged.
 */
public final class ColourHistogram {

	private static final int BINS = 64;

	private final long[] counts = new long[BINS];

	/**
	 * One of the most frequent colours.
	 *
	 * @param colour the bin's centre as {@code #rrggbb}
	 * @param share the fraction of all pixels in the bin
	 */
	public record Dominant(String colour, double share) {

	}

	/**
	 * Counts every pixel of a picture.
	 * @param picture the picture
	 * @return this histogram
	 */
	public ColourHistogram add(BufferedImage picture) {
		for (int y = 0; y < picture.getHeight(); y++) {
			for (int x = 0; x < picture.getWidth(); x++) {
				this.counts[bin(picture.getRGB(x, y))]++;
			}
		}
		return this;
	}

	/**
	 * @return pixels counted
	 */
	public long total() {
		return IntStream.range(0, BINS).mapToLong((bin) -> this.counts[bin]).sum();
	}

	/**
	 * @return the share of pixels per non-empty bin, keyed by the bin's centre colour
	 */
	public Map<String, Double> shares() {
		long total = total();
		Map<String, Double> shares = new LinkedHashMap<>();
		for (int bin = 0; bin < BINS; bin++) {
			if (this.counts[bin] > 0) {
				shares.put(centre(bin), round((double) this.counts[bin] / total));
			}
		}
		return shares;
	}

	/**
	 * @param limit how many
	 * @return the most frequent bins, most frequent first
	 */
	public List<Dominant> dominant(int limit) {
		long total = total();
		return IntStream.range(0, BINS)
			.filter((bin) -> this.counts[bin] > 0)
			.boxed()
			.sorted(Comparator.comparingLong((Integer bin) -> this.counts[bin]).reversed())
			.limit(limit)
			.map((bin) -> new Dominant(centre(bin), round((double) this.counts[bin] / total)))
			.toList();
	}

	private static int bin(int rgb) {
		return (((rgb >> 22) & 0x3) << 4) | (((rgb >> 14) & 0x3) << 2) | ((rgb >> 6) & 0x3);
	}

	private static String centre(int bin) {
		int red = ((bin >> 4) & 0x3) * 64 + 32;
		int green = ((bin >> 2) & 0x3) * 64 + 32;
		int blue = (bin & 0x3) * 64 + 32;
		return "#" + HexFormat.of().toHexDigits((byte) red) + HexFormat.of().toHexDigits((byte) green)
				+ HexFormat.of().toHexDigits((byte) blue);
	}

	private static double round(double share) {
		return Math.round(share * 10_000) / 10_000.0;
	}

}
