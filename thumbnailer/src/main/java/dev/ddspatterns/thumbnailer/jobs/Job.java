package dev.ddspatterns.thumbnailer.jobs;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A job as {@code GET /v1/jobs/{id}} shows it.
 *
 * @param id the job id
 * @param state where it is, written {@code queued}, {@code running}, {@code done} or
 * {@code failed}
 * @param reason why it failed
 * @param kind image or video
 * @param format the source's declared media type
 * @param source the upload's file name or the source URL
 * @param submittedAt when the API accepted it
 * @param updatedAt when its state last changed
 * @param progress where each stage is
 * @param workers thumbnails written per instance, redeliveries included
 */
public record Job(String id, JobState state, @Nullable String reason, String kind, String format, String source,
		String submittedAt, String updatedAt, Progress progress, Map<String, Long> workers) {

	/**
	 * Progress per stage.
	 *
	 * @param filter {@code pending} or {@code done}
	 * @param split {@code pending} or {@code done}
	 * @param thumbnails thumbnails written so far
	 * @param expected thumbnails the job makes, once the splitter knows
	 * @param join {@code pending} or {@code done} (videos), {@code n/a} (images)
	 * @param reduce {@code pending} or {@code done}
	 */
	public record Progress(String filter, String split, long thumbnails, @Nullable Integer expected, String join,
			String reduce) {

	}

	static Job from(Map<Object, Object> fields, long thumbnails, Map<String, Long> workers) {
		String kind = text(fields, "kind", "unknown");
		String expected = (String) fields.get("thumbnails");
		Progress progress = new Progress(stage(fields, "filter"), stage(fields, "split"), thumbnails,
				(expected != null) ? Integer.valueOf(expected) : null,
				"video".equals(kind) ? stage(fields, "join") : "n/a", stage(fields, "reduce"));
		return new Job(text(fields, "id", ""), JobState.of(text(fields, "state", JobState.QUEUED.value())),
				(String) fields.get("reason"), kind, text(fields, "format", ""), text(fields, "source", ""),
				text(fields, "submittedAt", ""), text(fields, "updatedAt", ""), progress, Map.copyOf(workers));
	}

	private static String stage(Map<Object, Object> fields, String stage) {
		return text(fields, "stage." + stage, "pending").toLowerCase(Locale.ROOT);
	}

	private static String text(Map<Object, Object> fields, String field, String fallback) {
		Object value = fields.get(field);
		return (value != null) ? (String) value : fallback;
	}

}
