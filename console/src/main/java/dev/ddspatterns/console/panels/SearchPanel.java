package dev.ddspatterns.console.panels;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * @param probe the answer to the console's own query at this reading
 */
public record SearchPanel(@Nullable String problem, List<Leaf> leaves, Map<String, ShardView> shards, double partial,
		double unavailable, @Nullable Answer probe) {

	/**
	 * @param address where it serves
	 * @param problem why it did not answer, if it did not
	 * @param shard the shard it serves
	 * @param documents the documents it holds
	 * @param switches its fault switches, when the console may use them
	 */
	public record Leaf(URI address, @Nullable String problem, int shard, long documents, List<Switch> switches) {
	}

	/**
	 * A fault switch of a service.
	 *
	 * @param name its name, such as {@code freeze}
	 * @param effect what happens while it is on, and what should be seen
	 * @param on whether it is on
	 */
	public record Switch(String name, String effect, boolean on) {
	}

	/**
	 * The root's answer to the console's probe query.
	 *
	 * @param query the query
	 * @param problem why there is no answer, if there is none
	 * @param totalHits the hits over every shard that answered
	 * @param partial whether a shard is missing from it
	 * @param missingShards the shards missing
	 * @param tookMs how long the root took
	 */
	public record Answer(String query, @Nullable String problem, long totalHits, boolean partial,
			List<Integer> missingShards, long tookMs) {
	}

	/**
	 * @param requests requests the root sent to the shard's leaves
	 * @param errors those that failed
	 * @param hedgesSent second requests sent to another replica of a slow shard
	 * @param hedgesWon hedges that answered first
	 * @param p95Millis the shard's latency as the root measured it, 95th percentile, over
	 * the requests since the previous reading; none if there were none
	 */
	public record ShardView(double requests, double errors, double hedgesSent, double hedgesWon,
			@Nullable Double p95Millis) {
	}

	static SearchPanel read(Probe probe, Probe patient, ConsoleProperties properties, Rates rates) {
		List<Leaf> leaves = properties.searchLeaves().stream().map((address) -> {
			Reading<JsonNode> index = probe.json(address.resolve("/v1/index"));
			List<Switch> switches = properties.faultsOn() ? switches(probe, address, properties) : List.of();
			return index.ok()
					? new Leaf(address, null, index.value().path("shard").asInt(),
							index.value().path("documents").asLong(), switches)
					: new Leaf(address, index.problem(), -1, 0, switches);
		}).toList();
		Answer answer = ask(patient, properties);
		Reading<Samples> root = probe.metrics(properties.metrics(properties.searchRoot()));
		if (!root.ok()) {
			return new SearchPanel(root.problem(), leaves, Map.of(), 0, 0, answer);
		}
		Samples metrics = root.value();
		Map<String, Double> requests = metrics.sumBy("search_root_leaf_requests_total", "shard");
		Map<String, Double> errors = metrics.sumBy("search_root_leaf_errors_total", "shard");
		Map<String, Double> sent = metrics.sumBy("search_root_hedges_sent_total", "shard");
		Map<String, Double> won = metrics.sumBy("search_root_hedges_won_total", "shard");
		Map<String, Double> latency = latencyP95(metrics, rates);
		Map<String, ShardView> shards = new TreeMap<>();
		for (String shard : requests.keySet()) {
			shards.put(shard, new ShardView(requests.get(shard), errors.getOrDefault(shard, 0.0),
					sent.getOrDefault(shard, 0.0), won.getOrDefault(shard, 0.0), latency.get(shard)));
		}
		return new SearchPanel(null, leaves, shards, metrics.sum("search_root_partial_total"),
				metrics.sum("search_root_unavailable_total"), answer);
	}

	/**
	 * @param probe how to read
	 * @param service a service's address
	 * @param properties the console's settings, with the services' fault token
	 * @return the service's fault switches; none if it does not answer
	 */
	static List<Switch> switches(Probe probe, URI service, ConsoleProperties properties) {
		List<Switch> switches = probe.json(service.resolve("/v1/faults"), properties.faultToken())
			.map((list) -> list.valueStream()
				.map((s) -> new Switch(s.path("name").asString(), s.path("effect").asString(),
						s.path("on").asBoolean()))
				.toList())
			.value();
		return (switches != null) ? switches : List.of();
	}

	/**
	 * Each shard's 95th percentile over the requests since the previous reading: the
	 * growth of the root's latency histogram's buckets, as PromQL's
	 * {@code histogram_quantile(0.95, rate(...))}.
	 */
	private static Map<String, Double> latencyP95(Samples metrics, Rates rates) {
		Map<String, Double> counts = new TreeMap<>();
		metrics.sumBy("search_root_shard_latency_seconds_bucket", "shard", "le")
			.forEach((shard, buckets) -> buckets.forEach((le, count) -> counts.put(shard + " " + le, count)));
		Map<String, Map<Double, Double>> growth = new TreeMap<>();
		rates.perSecond("search-latency", counts).forEach((key, rate) -> {
			String[] shardAndBound = key.split(" ", 2);
			double bound = shardAndBound[1].equals("+Inf") ? Double.POSITIVE_INFINITY
					: Double.parseDouble(shardAndBound[1]);
			growth.computeIfAbsent(shardAndBound[0], (shard) -> new TreeMap<>()).put(bound, rate);
		});
		Map<String, Double> p95 = new TreeMap<>();
		growth.forEach((shard, buckets) -> {
			double seconds = Histograms.quantile(0.95, buckets);
			if (!Double.isNaN(seconds)) {
				p95.put(shard, 1000 * seconds);
			}
		});
		return p95;
	}

	private static Answer ask(Probe patient, ConsoleProperties properties) {
		String query = properties.probeQuery();
		Reading<JsonNode> asked = patient.json(properties.searchRoot()
			.resolve("/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&k=3"));
		if (!asked.ok()) {
			return new Answer(query, asked.problem(), 0, false, List.of(), 0);
		}
		JsonNode answer = asked.value();
		return new Answer(query, null, answer.path("totalHits").asLong(), answer.path("partial").asBoolean(),
				answer.path("missingShards").valueStream().map(JsonNode::asInt).toList(),
				answer.path("tookMs").asLong());
	}

}
