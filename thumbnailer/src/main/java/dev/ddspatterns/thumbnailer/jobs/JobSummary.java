package dev.ddspatterns.thumbnailer.jobs;

import java.util.List;
import java.util.Map;

import dev.ddspatterns.thumbnailer.media.ColourHistogram;

/**
 * The reduce's result for one job, as {@code GET /v1/jobs/{id}/summary} shows it.
 *
 * @param jobId the job
 * @param kind image or video
 * @param thumbnails how many thumbnails (frames, for a video)
 * @param thumbnailBytes their total size
 * @param sourceBytes the source's size
 * @param contactSheet the contact sheet's grid and size
 * @param colours the colour histogram over all thumbnails (share of pixels per bin) and
 * the dominant colours
 */
public record JobSummary(String jobId, String kind, int thumbnails, long thumbnailBytes, long sourceBytes,
		Sheet contactSheet, Colours colours) {

	/**
	 * The contact sheet.
	 *
	 * @param columns grid columns
	 * @param rows grid rows
	 * @param width width in pixels
	 * @param height height in pixels
	 * @param mediaType {@code image/jpeg} or {@code image/png}
	 * @param href where the API serves it (the blob's key is the store's business)
	 */
	public record Sheet(int columns, int rows, int width, int height, String mediaType, String href) {

		/**
		 * @return the format the sheet is written in, {@code jpg} or {@code png}
		 */
		public String format() {
			return "image/png".equals(this.mediaType) ? "png" : "jpg";
		}

	}

	/**
	 * The distribution of colours.
	 *
	 * @param histogram share of pixels per colour bin, keyed by the bin's centre colour
	 * @param dominant the most frequent bins
	 */
	public record Colours(Map<String, Double> histogram, List<ColourHistogram.Dominant> dominant) {

	}

}
