package dev.ddspatterns.console.panels;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.ddspatterns.console.ConsoleProperties;
import dev.ddspatterns.console.probe.Probe;
import dev.ddspatterns.console.probe.Reading;
import dev.ddspatterns.console.probe.Samples;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Scatter/gather (chapter 7): the leaves by shard and whether each answers, and what the
 * root saw of each shard: requests, errors, hedged requests sent and won, and its
 * latency; how many answers were partial.
 *
 * @param problem why the root's metrics could not be read, if they could not
 * @param leaves every leaf
 * @param shards the root's view of each shard, by shard index
 * @param partial answers the root gave with a shard missing
 * @param unavailable queries the root could not answer at all
 */
public record SearchPanel(@Nullable String problem, List<Leaf> leaves, Map<String, ShardView> shards, double partial,
		double unavailable) {

	/**
	 * @param address where it serves
	 * @param problem why it did not answer, if it did not
	 * @param shard the shard it serves
	 * @param documents the documents it holds
	 */
	public record Leaf(URI address, @Nullable String problem, int shard, long documents) {
	}

	/**
	 * @param requests requests the root sent to the shard's leaves
	 * @param errors those that failed
	 * @param hedgesSent second requests sent to another replica of a slow shard
	 * @param hedgesWon hedges that answered first
	 * @param p95Millis the shard's latency, 95th percentile, as the root measured it
	 */
	public record ShardView(double requests, double errors, double hedgesSent, double hedgesWon, double p95Millis) {
	}

	static SearchPanel read(Probe probe, ConsoleProperties properties) {
		List<Leaf> leaves = properties.searchLeaves().stream().map((address) -> {
			Reading<JsonNode> index = probe.json(address.resolve("/v1/index"));
			return index.ok() ? new Leaf(address, null, index.value().path("shard").asInt(),
					index.value().path("documents").asLong()) : new Leaf(address, index.problem(), -1, 0);
		}).toList();
		Reading<Samples> root = probe.metrics(properties.metrics(properties.searchRoot()));
		if (!root.ok()) {
			return new SearchPanel(root.problem(), leaves, Map.of(), 0, 0);
		}
		Samples metrics = root.value();
		Map<String, Double> requests = metrics.sumBy("search_root_leaf_requests_total", "shard");
		Map<String, Double> errors = metrics.sumBy("search_root_leaf_errors_total", "shard");
		Map<String, Double> sent = metrics.sumBy("search_root_hedges_sent_total", "shard");
		Map<String, Double> won = metrics.sumBy("search_root_hedges_won_total", "shard");
		Map<String, Map<String, Double>> latency = metrics.sumBy("search_root_shard_latency_seconds", "shard",
				"quantile");
		Map<String, ShardView> shards = new TreeMap<>();
		for (String shard : requests.keySet()) {
			shards.put(shard,
					new ShardView(requests.get(shard), errors.getOrDefault(shard, 0.0), sent.getOrDefault(shard, 0.0),
							won.getOrDefault(shard, 0.0),
							1000 * latency.getOrDefault(shard, Map.of()).getOrDefault("0.95", 0.0)));
		}
		return new SearchPanel(null, leaves, shards, metrics.sum("search_root_partial_total"),
				metrics.sum("search_root_unavailable_total"));
	}

}
