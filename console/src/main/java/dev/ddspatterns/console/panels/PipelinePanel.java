package dev.ddspatterns.console.panels;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.ddspatterns.console.ConsoleProperties;
import dev.ddspatterns.console.probe.Probe;
import dev.ddspatterns.console.probe.Reading;
import dev.ddspatterns.console.probe.Samples;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The thumbnailer's pipeline (chapters 10 to 12: work queues, event-driven batch
 * processing, coordinated workflows): each instance and whether it is ready, the records
 * each stage handled and failed, and the dead letters by topic.
 *
 * @param instances every thumbnailer instance
 * @param stages records handled, by stage and outcome ({@code success}, {@code failure})
 * @param deadLetters records parked on a dead-letter topic, by topic
 */
public record PipelinePanel(List<Instance> instances, Map<String, Map<String, Double>> stages,
		Map<String, Double> deadLetters) {

	/**
	 * @param address where it serves
	 * @param status its readiness ({@code UP}, {@code DOWN}, ...), if it answered
	 * @param problem why it did not answer, if it did not
	 */
	public record Instance(URI address, @Nullable String status, @Nullable String problem) {
	}

	static PipelinePanel read(Probe probe, ConsoleProperties properties) {
		List<Instance> instances = properties.thumbnailers().stream().map((address) -> {
			Reading<JsonNode> ready = probe.json(address.resolve("/readyz"));
			return ready.ok() ? new Instance(address, ready.value().path("status").asString(), null)
					: new Instance(address, null, ready.problem());
		}).toList();
		Samples metrics = Samples.of(properties.thumbnailers()
			.stream()
			.map((address) -> probe.metrics(properties.metrics(address)).value())
			.filter(Objects::nonNull)
			.toList());
		return new PipelinePanel(instances, metrics.sumBy("thumbnailer_stage_seconds_count", "stage", "outcome"),
				metrics.sumBy("thumbnailer_dead_letters_total", "topic"));
	}

}
