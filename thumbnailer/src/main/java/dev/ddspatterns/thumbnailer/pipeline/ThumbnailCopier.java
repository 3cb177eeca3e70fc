package dev.ddspatterns.thumbnailer.pipeline;

import dev.ddspatterns.thumbnailer.pipeline.Events.JobEvent;
import dev.ddspatterns.thumbnailer.pipeline.Events.ThumbnailCreated;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The copier stage: every thumbnail event is copied onto the events topic, where the
 * notification handler (and any other subscriber) picks it up without slowing or coupling
 * to the join that reads the same thumbnails topic in its own consumer group.
 */
@Component
class ThumbnailCopier {

	private final TopicPublisher publisher;

	private final StageBoundary boundary;

	ThumbnailCopier(TopicPublisher publisher, StageBoundary boundary) {
		this.publisher = publisher;
		this.boundary = boundary;
	}

	@KafkaListener(id = "copier", groupId = "thumbnailer-copier",
			clientIdPrefix = "${spring.application.name}-${suite.instance-id}-copier", topics = Topics.THUMBNAILS)
	void copy(ThumbnailCreated created) {
		this.boundary.run("copier",
				() -> this.publisher.send(Topics.EVENTS, created.jobId(), JobEvent.thumbnailCreated(created)));
	}

}
