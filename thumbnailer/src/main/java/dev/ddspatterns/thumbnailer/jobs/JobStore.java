package dev.ddspatterns.thumbnailer.jobs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import dev.ddspatterns.thumbnailer.media.MediaFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Job state in Redis, shared by every instance. Keys carry the job id as a hash tag
 * ({@code thumbnailer:{id}:job}) so one job's keys stay on one node of a Redis Cluster.
 * Every write is idempotent: a stage that runs twice for the same record leaves the same
 * state as one that runs once.
 */
@Component
public class JobStore {

	private static final RedisScript<Long> TRANSITION = RedisScript.of(new ClassPathResource("scripts/transition.lua"),
			Long.class);

	private static final RedisScript<Long> THUMBNAIL_WRITTEN = RedisScript
		.of(new ClassPathResource("scripts/thumbnail-written.lua"), Long.class);

	/** Every record a job may have, each under {@link #key}. */
	private static final List<String> RECORDS = List.of("job", "thumbs", "workers", "joined", "join", "summary",
			"notified");

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final Clock clock;

	private final Duration retention;

	JobStore(StringRedisTemplate redis, JsonMapper json, Clock clock, ThumbnailerProperties properties) {
		this.redis = redis;
		this.json = json;
		this.clock = clock;
		this.retention = properties.retention();
	}

	/**
	 * The Redis key of one of a job's records.
	 * @param jobId the job
	 * @param record {@code job}, {@code thumbs}, {@code workers}, {@code joined},
	 * {@code join}, {@code summary} or {@code notified}
	 * @return the key
	 */
	public static String key(String jobId, String record) {
		return "thumbnailer:{" + jobId + "}:" + record;
	}

	/**
	 * @return how long job records live, from the job's creation; its blobs live as long
	 * after their last write ({@code retention.BlobSweeper})
	 */
	public Duration retention() {
		return this.retention;
	}

	void create(String jobId, @Nullable MediaFormat format, String source, Object options, @Nullable URI callback) {
		String now = Instant.now(this.clock).toString();
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("id", jobId);
		fields.put("state", JobState.QUEUED.value());
		if (format != null) {
			fields.put("kind", format.kind().name().toLowerCase(Locale.ROOT));
			fields.put("format", format.mediaType());
		}
		fields.put("source", source);
		fields.put("options", this.json.writeValueAsString(options));
		if (callback != null) {
			fields.put("callback", callback.toString());
		}
		fields.put("submittedAt", now);
		fields.put("updatedAt", now);
		this.redis.opsForHash().putAll(key(jobId, "job"), fields);
		this.redis.expire(key(jobId, "job"), this.retention);
	}

	/**
	 * Marks a stage done and the job running, unless the job already ended.
	 * @param jobId the job
	 * @param stage the stage's name
	 * @param fields more fields to set, in pairs
	 * @return whether the job is still live
	 */
	public boolean stageDone(String jobId, String stage, String... fields) {
		String[] args = new String[fields.length + 2];
		args[0] = "stage." + stage;
		args[1] = "done";
		System.arraycopy(fields, 0, args, 2, fields.length);
		return transition(jobId, JobState.RUNNING, args) == Transition.MOVED;
	}

	/**
	 * Ends a job successfully, unless it already ended.
	 * @param jobId the job
	 * @param summary the reduce's result
	 */
	public void done(String jobId, Object summary) {
		this.redis.opsForValue().set(key(jobId, "summary"), this.json.writeValueAsString(summary), this.retention);
		transition(jobId, JobState.DONE, "stage.reduce", "done");
	}

	/**
	 * Fails a job with a reason, unless it already ended.
	 * @param jobId the job
	 * @param reason what went wrong, shown to the client
	 * @return whether this call failed the job
	 */
	public boolean fail(String jobId, String reason) {
		return transition(jobId, JobState.FAILED, "reason", reason) == Transition.MOVED;
	}

	/**
	 * Records a written thumbnail and the worker that wrote it; writing the same
	 * thumbnail again replaces its entry.
	 * @param jobId the job
	 * @param thumbnail the thumbnail
	 * @param worker the instance that made it
	 */
	public void thumbnailWritten(String jobId, Thumbnail thumbnail, String worker) {
		this.redis.execute(THUMBNAIL_WRITTEN, List.of(key(jobId, "thumbs"), key(jobId, "workers")),
				Integer.toString(thumbnail.index()), this.json.writeValueAsString(thumbnail), worker,
				Long.toString(this.retention.toSeconds()));
	}

	/**
	 * @param jobId the job
	 * @return the job's thumbnails so far, by index
	 */
	public List<Thumbnail> thumbnails(String jobId) {
		List<Thumbnail> thumbnails = new ArrayList<>();
		for (Object value : this.redis.opsForHash().values(key(jobId, "thumbs"))) {
			thumbnails.add(this.json.readValue((String) value, Thumbnail.class));
		}
		thumbnails.sort(Comparator.comparingInt(Thumbnail::index));
		return thumbnails;
	}

	/**
	 * @param jobId the job
	 * @return the job as the API shows it, if it exists
	 */
	public Optional<Job> find(String jobId) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(key(jobId, "job"));
		if (fields.isEmpty()) {
			return Optional.empty();
		}
		Map<String, Long> workers = new LinkedHashMap<>();
		this.redis.opsForHash()
			.entries(key(jobId, "workers"))
			.forEach((worker, count) -> workers.put((String) worker, Long.parseLong((String) count)));
		long thumbnails = this.redis.opsForHash().size(key(jobId, "thumbs"));
		return Optional.of(Job.from(fields, thumbnails, workers));
	}

	/**
	 * @param jobId a job that is done
	 * @return the reduce's summary
	 */
	JobSummary summaryOf(String jobId) {
		String summary = this.redis.opsForValue().get(key(jobId, "summary"));
		if (summary == null) {
			throw new IllegalStateException("Job " + jobId + " is done but has no summary");
		}
		return this.json.readValue(summary, JobSummary.class);
	}

	/**
	 * @param jobId the job
	 * @return whether the job's state is still kept, whatever the state
	 */
	public boolean exists(String jobId) {
		return Boolean.TRUE.equals(this.redis.hasKey(key(jobId, "job")));
	}

	/**
	 * Deletes every record of a job at once; they share a hash tag, so one {@code DEL}
	 * takes them all, on a Redis Cluster too.
	 * @param jobId the job
	 */
	void delete(String jobId) {
		this.redis.delete(RECORDS.stream().map((record) -> key(jobId, record)).toList());
	}

	/**
	 * @param jobId the job
	 * @return where the job is, if its state is still kept
	 */
	public Optional<JobState> state(String jobId) {
		return Optional.ofNullable(field(jobId, "state")).map(JobState::of);
	}

	/**
	 * @param jobId the job
	 * @return whether the job exists and has not ended, so work on it is still wanted
	 */
	public boolean isLive(String jobId) {
		return state(jobId).filter((state) -> !state.hasEnded()).isPresent();
	}

	/**
	 * @param jobId the job
	 * @return where to POST the job's outcome, if the client gave a callback
	 */
	public Optional<URI> callback(String jobId) {
		return Optional.ofNullable(field(jobId, "callback")).map(URI::create);
	}

	private @Nullable String field(String jobId, String field) {
		return (String) this.redis.opsForHash().get(key(jobId, "job"), field);
	}

	private Transition transition(String jobId, JobState state, String... fields) {
		String[] args = new String[fields.length + 2];
		args[0] = state.value();
		args[1] = Instant.now(this.clock).toString();
		System.arraycopy(fields, 0, args, 2, fields.length);
		return Transition.of(this.redis.execute(TRANSITION, List.of(key(jobId, "job")), (Object[]) args));
	}

	/**
	 * One thumbnail of a job.
	 *
	 * @param index its position, from 0
	 * @param timestampMillis the video frame's time, 0 for an image
	 * @param key its blob key
	 * @param mediaType its media type
	 * @param width width in pixels
	 * @param height height in pixels
	 * @param bytes size
	 */
	public record Thumbnail(int index, long timestampMillis, String key, String mediaType, int width, int height,
			long bytes) {

	}

}
