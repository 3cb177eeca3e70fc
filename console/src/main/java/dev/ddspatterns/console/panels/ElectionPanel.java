package dev.ddspatterns.console.panels;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.ddspatterns.console.ConsoleProperties;
import dev.ddspatterns.console.probe.Probe;
import dev.ddspatterns.console.probe.Reading;
import dev.ddspatterns.console.probe.Samples;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Ownership election (chapter 9): the leader and the time left on its lease, what each
 * replica believes, the fencing tokens in the ledger's last entries, the stale writes the
 * ledger refused, and who owns the sharded work.
 *
 * @param leader the leader the replicas name, if any
 * @param token its fencing token
 * @param leaseLeftMillis what is left of its lease, by the console's clock
 * @param replicas each replica's own view
 * @param ledger the ledger's last entries, newest last
 * @param accepted ledger writes accepted, over every replica
 * @param rejected ledger writes refused for a stale token, over every replica
 * @param owners how many shards each replica owns
 */
public record ElectionPanel(@Nullable String leader, long token, long leaseLeftMillis, List<Replica> replicas,
		List<Entry> ledger, double accepted, double rejected, Map<String, Integer> owners) {

	/** The ledger entries shown. */
	static final int LEDGER_ENTRIES = 8;

	/**
	 * @param address where it serves
	 * @param id its id, if it answered
	 * @param problem why it did not answer, if it did not
	 * @param acting whether it acts as the leader
	 * @param token the token it holds (0 if none)
	 * @param switches its fault switches, when the console may use them
	 */
	public record Replica(URI address, @Nullable String id, @Nullable String problem, boolean acting, long token,
			List<SearchPanel.Switch> switches) {
	}

	/**
	 * @param owner the replica that wrote it
	 * @param token the fencing token it wrote with
	 * @param tick the leader's tick
	 * @param at when
	 */
	public record Entry(String owner, long token, long tick, String at) {
	}

	static ElectionPanel read(Probe probe, ConsoleProperties properties, Instant now) {
		String leader = null;
		long token = 0;
		long left = 0;
		List<Replica> replicas = new ArrayList<>();
		URI answering = null;
		for (URI address : properties.election()) {
			Reading<JsonNode> view = probe.json(address.resolve("/v1/leader"));
			List<SearchPanel.Switch> switches = properties.faultsOn() ? SearchPanel.switches(probe, address, properties)
					: List.of();
			if (!view.ok()) {
				replicas.add(new Replica(address, null, view.problem(), false, 0, switches));
				continue;
			}
			JsonNode self = view.value().path("self");
			replicas.add(new Replica(address, self.path("id").asString(), null, self.path("acting").asBoolean(),
					self.path("token").asLong(), switches));
			long seen = view.value().path("token").asLong();
			if (seen >= token && !view.value().path("leader").isNull()) {
				leader = view.value().path("leader").asString();
				token = seen;
				String expires = view.value().path("leaseExpiresAt").asString();
				left = expires.isEmpty() ? 0 : Math.max(0, Duration.between(now, Instant.parse(expires)).toMillis());
			}
			answering = (answering != null) ? answering : address;
		}
		List<Entry> ledger = (answering == null) ? List.of()
				: probe.json(answering.resolve("/v1/ledger?last=" + LEDGER_ENTRIES))
					.map((entries) -> entries.valueStream()
						.map((entry) -> new Entry(entry.path("owner").asString(), entry.path("token").asLong(),
								entry.path("tick").asLong(), entry.path("at").asString()))
						.toList())
					.value();
		Map<String, Integer> owners = new TreeMap<>();
		if (answering != null) {
			JsonNode ownership = probe.json(answering.resolve("/v1/ownership")).value();
			if (ownership != null) {
				ownership.path("shards").valueStream().forEach((shard) -> {
					String owner = shard.path("owner").isNull() ? "(none)" : shard.path("owner").asString();
					owners.merge(owner, 1, Integer::sum);
				});
			}
		}
		Samples metrics = Samples.of(properties.election()
			.stream()
			.map((address) -> probe.metrics(properties.metrics(address)).value())
			.filter(Objects::nonNull)
			.toList());
		return new ElectionPanel(leader, token, left, List.copyOf(replicas), (ledger != null) ? ledger : List.of(),
				metrics.sum("election_ledger_accepted_total"), metrics.sum("election_ledger_rejected_total"), owners);
	}

}
