package dev.ddspatterns.thumbnailer.pipeline;

import java.time.Duration;
import java.util.List;

import dev.ddspatterns.service.SuiteProperties;
import dev.ddspatterns.thumbnailer.jobs.JobStore;
import dev.ddspatterns.thumbnailer.media.MediaFormat;
import dev.ddspatterns.thumbnailer.pipeline.Events.ThumbnailCreated;
import dev.ddspatterns.thumbnailer.pipeline.Events.VideoCompleted;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The join (barrier): waits until every frame of a video is done and then emits exactly
 * one {@link VideoCompleted} for the job, however the frames' events are redelivered or
 * which instances race on the last ones. The decision is one Lua script
 * ({@code scripts/join.lua}); this class only acts on its answer, a {@link JoinOutcome}.
 *
 * <p>
 * One window remains: an instance that dies after the broker took its event and before it
 * marked the claim done leaves the claim to expire, and the next claimant publishes a
 * second event. The reduce downstream is idempotent, so a duplicate costs work, not
 * correctness.
 */
@Component
class FrameJoin {

	static final Duration CLAIM_LEASE = Duration.ofSeconds(10);

	private static final RedisScript<Long> JOIN = RedisScript.of(new ClassPathResource("scripts/join.lua"), Long.class);

	private final StringRedisTemplate redis;

	private final JobStore jobs;

	private final TopicPublisher publisher;

	private final StageBoundary boundary;

	private final String claimant;

	FrameJoin(StringRedisTemplate redis, JobStore jobs, TopicPublisher publisher, StageBoundary boundary,
			SuiteProperties suite) {
		this.redis = redis;
		this.jobs = jobs;
		this.publisher = publisher;
		this.boundary = boundary;
		this.claimant = suite.instanceId();
	}

	@KafkaListener(id = "join", groupId = "thumbnailer-join",
			clientIdPrefix = "${spring.application.name}-${suite.instance-id}-join", topics = Topics.THUMBNAILS)
	void join(ThumbnailCreated created) {
		if (created.kind() != MediaFormat.Kind.VIDEO) {
			return;
		}
		this.boundary.run("join", () -> {
			String claim = JobStore.key(created.jobId(), "join");
			JoinOutcome outcome = JoinOutcome
				.of(this.redis.execute(JOIN, List.of(JobStore.key(created.jobId(), "joined"), claim),
						Integer.toString(created.index()), Integer.toString(created.count()), this.claimant,
						Long.toString(CLAIM_LEASE.toMillis()), Long.toString(this.jobs.retention().toMillis())));
			if (outcome == JoinOutcome.CLAIMED_ELSEWHERE) {
				throw new JoinInProgressException(created.jobId());
			}
			if (outcome != JoinOutcome.PUBLISH) {
				return;
			}
			this.publisher.send(Topics.VIDEOS_COMPLETED, created.jobId(),
					new VideoCompleted(created.jobId(), created.count()));
			this.redis.opsForValue().set(claim, "done", this.jobs.retention());
			this.jobs.stageDone(created.jobId(), "join");
		});
	}

	/**
	 * Another instance holds the claim to publish a job's completion. The record is
	 * retried on a slower schedule: either the claimant finishes, or its lease expires
	 * and the retry takes over.
	 */
	static class JoinInProgressException extends RuntimeException {

		JoinInProgressException(String jobId) {
			super("another instance is completing job " + jobId);
		}

	}

}
