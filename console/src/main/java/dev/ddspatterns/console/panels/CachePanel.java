package dev.ddspatterns.console.panels;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.ddspatterns.console.ConsoleProperties;
import dev.ddspatterns.console.probe.Probe;
import dev.ddspatterns.console.probe.Reading;
import dev.ddspatterns.console.probe.Samples;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The sharded cache (chapter 6): the shard map's epoch and ring, each shard's keys and
 * servers with their breakers, a migration under way, the hottest keys and how often the
 * near cache answered.
 *
 * @param problem why the cache could not be read, if it could not
 * @param epoch the shard map's epoch
 * @param migration the migration under way, if any
 * @param shards the shards, in the map's order
 * @param ring the ring as arcs
 * @param hotKeys the hottest keys, hottest first
 * @param hits reads answered from a shard or the near cache, by result
 * @param nearHits reads the near cache answered
 */
public record CachePanel(@Nullable String problem, long epoch, @Nullable Migration migration, List<Shard> shards,
		List<RingDrawing.Arc> ring, List<HotKey> hotKeys, Map<String, Double> hits, double nearHits) {

	/**
	 * @param id the migration's id
	 * @param direction {@code ADD} or {@code REMOVE}
	 * @param shard the shard added or removed
	 * @param driver the replica driving it
	 */
	public record Migration(long id, String direction, String shard, String driver) {
	}

	/**
	 * @param name the shard's name
	 * @param inRing whether the ring routes to it
	 * @param keys its keys, if its primary answered
	 * @param nodes its servers
	 */
	public record Shard(String name, boolean inRing, @Nullable Long keys, List<Node> nodes) {
	}

	/**
	 * @param role {@code primary} or {@code replica-N}
	 * @param address host and port
	 * @param breaker the breaker's state, such as {@code CLOSED}
	 */
	public record Node(String role, String address, String breaker) {
	}

	/**
	 * @param key the key
	 * @param estimatedReads its reads as the detector estimates them
	 */
	public record HotKey(String key, long estimatedReads) {
	}

	static CachePanel read(Probe probe, ConsoleProperties properties) {
		URI cache = properties.cache();
		Reading<JsonNode> listing = probe.json(cache.resolve("/v1/shards"));
		if (!listing.ok()) {
			return new CachePanel(listing.problem(), 0, null, List.of(), List.of(), List.of(), Map.of(), 0);
		}
		JsonNode map = listing.value();
		List<Shard> shards = map.path("shards").valueStream().map(CachePanel::shard).toList();
		JsonNode moving = map.path("migration");
		Migration migration = moving.isObject() ? new Migration(moving.path("id").asLong(),
				moving.path("direction").asString(), moving.path("shard").asString(), moving.path("driver").asString())
				: null;
		List<String> ring = shards.stream().filter(Shard::inRing).map(Shard::name).toList();
		List<String> previousRing = moving.isObject()
				? moving.path("previousRing").valueStream().map(JsonNode::asString).toList() : List.of();
		List<HotKey> hotKeys = probe.json(cache.resolve("/v1/hotkeys"))
			.map((keys) -> keys.valueStream()
				.limit(5)
				.map((key) -> new HotKey(key.path("key").asString(), key.path("estimatedReads").asLong()))
				.toList())
			.value();
		Samples metrics = probe.metrics(properties.metrics(cache)).value();
		return new CachePanel(null, map.path("epoch").asLong(), migration, shards, RingDrawing.draw(ring, previousRing),
				(hotKeys != null) ? hotKeys : List.of(),
				(metrics != null) ? metrics.sumBy("cache_requests_total", "result") : Map.of(),
				(metrics != null) ? metrics.sum("cache_near_hits_total") : 0);
	}

	private static Shard shard(JsonNode shard) {
		JsonNode keys = shard.path("keys");
		return new Shard(shard.path("name").asString(), shard.path("inRing").asBoolean(),
				keys.isNumber() ? keys.asLong() : null,
				shard.path("nodes")
					.valueStream()
					.map((node) -> new Node(node.path("role").asString(), node.path("address").asString(),
							node.path("breaker").asString()))
					.toList());
	}

}
