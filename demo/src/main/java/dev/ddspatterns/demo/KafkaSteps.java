package dev.ddspatterns.demo;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The tour's look at the broker between the thumbnailer's stages, as a Kafka operator
 * sees it: one topic per stage with its partitions and dead-letter twin, one consumer
 * group per stage with its members and lag, and the stage timers of both workers.
 */
final class KafkaSteps {

	private final TourClient client;

	private final Stack stack;

	KafkaSteps(TourClient client, Stack stack) {
		this.client = client;
		this.stack = stack;
	}

	boolean topicsAndGroups() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.kafka()))) {
			Map<String, TopicDescription> topics = new TreeMap<>(
					admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get());
			String stages = topics.values()
				.stream()
				.filter((topic) -> !topic.name().endsWith(".dlt"))
				.map((topic) -> topic.name() + " (" + topic.partitions().size() + ")")
				.collect(Collectors.joining(", "));
			long deadLetterTopics = topics.keySet().stream().filter((name) -> name.endsWith(".dlt")).count();
			System.out.printf("   topics (partitions): %s; and %d .dlt twins%n", stages, deadLetterTopics);
			List<String> groupIds = admin.listGroups()
				.all()
				.get()
				.stream()
				.map(GroupListing::groupId)
				.filter((id) -> id.startsWith("thumbnailer"))
				.sorted()
				.toList();
			Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(groupIds).all().get();
			// The last events of the steps before may still be in flight: lag drains to
			// 0.
			long started = System.nanoTime();
			Map<String, Long> lags = lags(admin, groupIds);
			while (lags.values().stream().mapToLong(Long::longValue).sum() > 0
					&& System.nanoTime() - started < Duration.ofSeconds(15).toNanos()) {
				Thread.sleep(250);
				lags = lags(admin, groupIds);
			}
			for (String id : groupIds) {
				System.out.printf("   group %-34s %d members on %s, lag %d%n", id, groups.get(id).members().size(),
						hosts(groups.get(id)), lags.get(id));
			}
			long totalLag = lags.values().stream().mapToLong(Long::longValue).sum();
			Map<String, Double> processed = new TreeMap<>();
			for (AppProcess worker : List.of(this.stack.app("thumbnailer"), this.stack.app("thumbnailer-8087"))) {
				Scrape.sumBy(this.client, worker.port(), "thumbnailer_stage_seconds_count", "stage")
					.forEach((stage, count) -> processed.merge(stage, count, Double::sum));
			}
			System.out.printf("   records per stage, both workers (thumbnailer_stage_seconds_count): %s%n", processed);
			return !groupIds.isEmpty() && totalLag == 0 && deadLetterTopics > 0 && !processed.isEmpty();
		}
	}

	/** Per group: records on its partitions not yet committed as processed. */
	private static Map<String, Long> lags(Admin admin, List<String> groupIds) throws Exception {
		Map<String, Long> lags = new TreeMap<>();
		for (String id : groupIds) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, ListOffsetsResultInfo> ends = admin
				.listOffsets(committed.keySet()
					.stream()
					.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest())))
				.all()
				.get();
			lags.put(id,
					committed.entrySet()
						.stream()
						.filter((entry) -> entry.getValue() != null)
						.mapToLong((entry) -> ends.get(entry.getKey()).offset() - entry.getValue().offset())
						.sum());
		}
		return lags;
	}

	private static Collection<String> hosts(ConsumerGroupDescription group) {
		return group.members()
			.stream()
			.map((member) -> member.clientId().replaceAll("-\\d+$", ""))
			.distinct()
			.sorted()
			.toList();
	}

}
