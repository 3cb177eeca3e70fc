package dev.ddspatterns.thumbnailer.pipeline;

import java.util.List;
import java.util.stream.IntStream;

import dev.ddspatterns.thumbnailer.jobs.JobStore;
import dev.ddspatterns.thumbnailer.media.MediaFormat;
import dev.ddspatterns.thumbnailer.pipeline.Events.MediaAccepted;
import dev.ddspatterns.thumbnailer.pipeline.Events.WorkItem;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The splitter stage: images and videos go to different queues, and a video becomes one
 * work item per frame timestamp, so its frames are decoded in parallel by whichever
 * workers are free.
 */
@Component
class MediaSplitter {

	private final JobStore jobs;

	private final TopicPublisher publisher;

	private final StageBoundary boundary;

	MediaSplitter(JobStore jobs, TopicPublisher publisher, StageBoundary boundary) {
		this.jobs = jobs;
		this.publisher = publisher;
		this.boundary = boundary;
	}

	@KafkaListener(id = "splitter", groupId = "thumbnailer-splitter",
			clientIdPrefix = "${spring.application.name}-${suite.instance-id}-splitter", topics = Topics.ACCEPTED)
	void split(MediaAccepted media) {
		this.boundary.run("splitter", () -> {
			boolean image = media.format().kind() == MediaFormat.Kind.IMAGE;
			List<WorkItem> items = image
					? List.of(new WorkItem(media.jobId(), media.sourceKey(), 0, 1, 0, media.options())) : frames(media);
			if (this.jobs.stageDone(media.jobId(), "split", "thumbnails", Integer.toString(items.size()))) {
				this.publisher.sendAll(image ? Topics.IMAGES : Topics.FRAMES, items);
			}
		});
	}

	/**
	 * @param durationMicros a video's length
	 * @param intervalSeconds seconds between frames
	 * @return how many frames: one at 0 s and one every interval before the end
	 */
	static long frameCount(long durationMicros, int intervalSeconds) {
		long interval = intervalSeconds * 1_000_000L;
		return Math.max(1, (durationMicros + interval - 1) / interval);
	}

	private static List<WorkItem> frames(MediaAccepted video) {
		int count = (int) frameCount(video.durationMicros(), video.options().intervalSeconds());
		long interval = video.options().intervalSeconds() * 1_000_000L;
		return IntStream.range(0, count)
			.mapToObj((index) -> new WorkItem(video.jobId(), video.sourceKey(), index, count, index * interval,
					video.options()))
			.toList();
	}

}
