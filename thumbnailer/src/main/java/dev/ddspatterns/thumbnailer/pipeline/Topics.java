package dev.ddspatterns.thumbnailer.pipeline;

import java.util.List;

import dev.ddspatterns.thumbnailer.ThumbnailerProperties;
import dev.ddspatterns.thumbnailer.jobs.JobQueue;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The pipeline as topics. Each stage reads one topic in its own consumer group and writes
 * the next, so every stage scales, lags and fails on its own and shows up as a topic and
 * a metric:
 *
 * <pre>
 * POST /v1/jobs  → jobs             → filter       → accepted
 * accepted       → splitter         → images (one item) or frames (one item per timestamp)
 * images, frames → image/frame workers → thumbnails (+ images-completed for images)
 * thumbnails     → copier           → events → notifier (callback or log)
 * thumbnails     → join (barrier)   → videos-completed, once per video
 * images-completed, videos-completed → merger → jobs-completed → reduce → job done
 * </pre>
 *
 * Every topic has a dead-letter twin, {@code <topic>.dlt}, with as many partitions, where
 * a record goes after its bounded retries keeping its partition.
 */
@Configuration(proxyBeanMethods = false)
public class Topics {

	/** Jobs as the API accepted them; read by the filter. */
	public static final String JOBS = JobQueue.TOPIC;

	/** Sources the filter let through; read by the splitter. */
	public static final String ACCEPTED = "thumbnailer.accepted";

	/** One work item per image; read by the image workers. */
	public static final String IMAGES = "thumbnailer.images";

	/** One work item per video frame timestamp; read by the frame workers. */
	public static final String FRAMES = "thumbnailer.frames";

	/** Every thumbnail written; read by the copier and the join. */
	public static final String THUMBNAILS = "thumbnailer.thumbnails";

	/** Image jobs whose one thumbnail is done; read by the merger. */
	public static final String IMAGES_COMPLETED = "thumbnailer.images-completed";

	/** Video jobs whose frames are all done, one record per job; read by the merger. */
	public static final String VIDEOS_COMPLETED = "thumbnailer.videos-completed";

	/** Both kinds of completion merged; read by the reduce. */
	public static final String JOBS_COMPLETED = "thumbnailer.jobs-completed";

	/** Job events for notification: thumbnails created, jobs done or failed. */
	public static final String EVENTS = "thumbnailer.events";

	/** Suffix of each topic's dead-letter topic. */
	public static final String DLT_SUFFIX = ".dlt";

	static final List<String> ALL = List.of(JOBS, ACCEPTED, IMAGES, FRAMES, THUMBNAILS, IMAGES_COMPLETED,
			VIDEOS_COMPLETED, JOBS_COMPLETED, EVENTS);

	@Bean
	KafkaAdmin.NewTopics pipelineTopics(ThumbnailerProperties properties) {
		// No replication factor: the broker's default applies (1 locally, 3 on a real
		// cluster).
		return new KafkaAdmin.NewTopics(ALL.stream()
			.flatMap((topic) -> List.of(topic, topic + DLT_SUFFIX).stream())
			.map((topic) -> TopicBuilder.name(topic).partitions(properties.partitions()).build())
			.toArray(NewTopic[]::new));
	}

}
