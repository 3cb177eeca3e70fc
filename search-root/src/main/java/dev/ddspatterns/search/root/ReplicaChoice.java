package dev.ddspatterns.search.root;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which replica of each shard serves one query, decided once per query and kept for both
 * of its rounds.
 *
 * <p>
 * With distributed statistics a query asks every shard twice: for its term statistics,
 * then to search with the sums. If the two rounds went to different replicas, a shard
 * would be scored on one replica's index with another replica's counts, and replicas do
 * not always hold the same index (one may have reloaded a newer corpus than the other).
 * So each shard's turn advances once per query (load still spreads, query by query), and
 * the replica that answered the statistics round goes first in the search round — also
 * when it answered as a hedge or after a failover, because the other one just proved slow
 * or broken. Only when that replica fails or straggles in the search round does the
 * search go to another replica, by the usual {@link HedgedRequest} rules.
 *
 * @param orders for each shard, its replicas in the order this query tries them
 */
record ReplicaChoice(Map<ShardClient, List<URI>> orders) {

	ReplicaChoice {
		orders = Map.copyOf(orders);
	}

	/**
	 * @param shards the shards the query goes to
	 * @return the choice for a new query: each shard's next replica in turn first
	 */
	static ReplicaChoice forQuery(List<ShardClient> shards) {
		Map<ShardClient, List<URI>> orders = new LinkedHashMap<>();
		shards.forEach((shard) -> orders.put(shard, shard.replicasInTurn()));
		return new ReplicaChoice(orders);
	}

	/**
	 * @param shard one of the query's shards
	 * @return its replicas, the one to ask first first
	 */
	List<URI> replicas(ShardClient shard) {
		return this.orders.get(shard);
	}

	/**
	 * @param round the shards that answered a round, with the replica that answered
	 * @return the choice for the next round: each of those shards starts at the replica
	 * that answered, the others in the same cycle after it
	 */
	ReplicaChoice keeping(Map<ShardClient, ? extends HedgedRequest.Served<?>> round) {
		Map<ShardClient, List<URI>> next = new LinkedHashMap<>(this.orders);
		round.forEach((shard, served) -> next.put(shard, startingAt(this.orders.get(shard), served.replica())));
		return new ReplicaChoice(next);
	}

	private static List<URI> startingAt(List<URI> order, URI first) {
		int start = order.indexOf(first);
		List<URI> rotated = new ArrayList<>(order.subList(start, order.size()));
		rotated.addAll(order.subList(0, start));
		return List.copyOf(rotated);
	}

}
