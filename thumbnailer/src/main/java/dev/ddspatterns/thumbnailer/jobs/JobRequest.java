package dev.ddspatterns.thumbnailer.jobs;

import java.net.URI;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A job's options, from the form fields of an upload or the JSON body of a URL job.
 *
 * @param url the source URL (JSON jobs only), on an allowed origin
 * @param width thumbnail width in pixels, default 320
 * @param height thumbnail height in pixels, default 180
 * @param format {@code jpg} (default) or {@code png}
 * @param interval seconds between video frames, default 5
 * @param callback a URL on an allowed callback origin to POST the job's outcome to
 */
public record JobRequest(@Nullable URI url, @Nullable @Min(16) @Max(2048) Integer width,
		@Nullable @Min(16) @Max(2048) Integer height, @Nullable @Pattern(regexp = "jpg|png") String format,
		@Nullable @Min(1) @Max(3600) Integer interval, @Nullable URI callback) {

	JobOptions options() {
		return new JobOptions(orDefault(this.width, 320), orDefault(this.height, 180),
				(this.format != null) ? this.format : "jpg", orDefault(this.interval, 5), this.callback);
	}

	private static int orDefault(@Nullable Integer value, int fallback) {
		return (value != null) ? value : fallback;
	}

}
