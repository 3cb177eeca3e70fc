package dev.ddspatterns.thumbnailer.jobs;

import java.net.URI;

import dev.ddspatterns.thumbnailer.media.ThumbnailRenderer;
import org.jspecify.annotations.Nullable;

/**
 * What the client asked for, carried unchanged by every record of the job's pipeline.
 *
 * @param width thumbnail width in pixels
 * @param height thumbnail height in pixels
 * @param format thumbnail format, {@code jpg} or {@code png}
 * @param intervalSeconds seconds between two video frames
 * @param callback where to POST the job's outcome, if anywhere
 */
public record JobOptions(int width, int height, String format, int intervalSeconds, @Nullable URI callback) {

	/**
	 * @return the thumbnail to render
	 */
	public ThumbnailRenderer.Size size() {
		return new ThumbnailRenderer.Size(this.width, this.height, this.format);
	}

}
