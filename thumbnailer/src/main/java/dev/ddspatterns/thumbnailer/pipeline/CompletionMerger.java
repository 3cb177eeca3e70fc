package dev.ddspatterns.thumbnailer.pipeline;

import dev.ddspatterns.thumbnailer.media.MediaFormat;
import dev.ddspatterns.thumbnailer.pipeline.Events.ImageCompleted;
import dev.ddspatterns.thumbnailer.pipeline.Events.JobCompleted;
import dev.ddspatterns.thumbnailer.pipeline.Events.VideoCompleted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The merger stage: image completions and video completions, two streams of different
 * shape, become one stream of {@link JobCompleted} that the reduce and the job state
 * follow, whatever kind the job was.
 */
@Component
class CompletionMerger {

	private final TopicPublisher publisher;

	private final StageBoundary boundary;

	private final JsonMapper json;

	CompletionMerger(TopicPublisher publisher, StageBoundary boundary, JsonMapper json) {
		this.publisher = publisher;
		this.boundary = boundary;
		this.json = json;
	}

	@KafkaListener(id = "merger", groupId = "thumbnailer-merger",
			clientIdPrefix = "${spring.application.name}-${suite.instance-id}-merger",
			topics = { Topics.IMAGES_COMPLETED, Topics.VIDEOS_COMPLETED })
	void merge(ConsumerRecord<String, String> record) {
		this.boundary.run("merger", () -> {
			JobCompleted completed = Topics.IMAGES_COMPLETED.equals(record.topic())
					? fromImage(this.json.readValue(record.value(), ImageCompleted.class))
					: fromVideo(this.json.readValue(record.value(), VideoCompleted.class));
			this.publisher.send(Topics.JOBS_COMPLETED, completed.jobId(), completed);
		});
	}

	private static JobCompleted fromImage(ImageCompleted image) {
		return new JobCompleted(image.jobId(), MediaFormat.Kind.IMAGE, 1);
	}

	private static JobCompleted fromVideo(VideoCompleted video) {
		return new JobCompleted(video.jobId(), MediaFormat.Kind.VIDEO, video.frames());
	}

}
