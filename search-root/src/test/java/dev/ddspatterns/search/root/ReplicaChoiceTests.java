package dev.ddspatterns.search.root;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which replica serves each round of a query, decided without a network. */
class ReplicaChoiceTests {

	static final URI A = URI.create("http://a");

	static final URI B = URI.create("http://b");

	static final URI C = URI.create("http://c");

	final ShardClient shard = shard(0, A, B, C);

	@Test
	void everyRoundOfAQueryStartsAtTheSameReplica() {
		ReplicaChoice query = ReplicaChoice.forQuery(List.of(this.shard));
		assertThat(query.replicas(this.shard)).containsExactly(A, B, C);
		ReplicaChoice searchRound = query.keeping(Map.of(this.shard, new HedgedRequest.Served<>(A, "stats")));
		assertThat(searchRound.replicas(this.shard)).containsExactly(A, B, C);
	}

	@Test
	void theTurnAdvancesOncePerQuery() {
		assertThat(ReplicaChoice.forQuery(List.of(this.shard)).replicas(this.shard)).containsExactly(A, B, C);
		assertThat(ReplicaChoice.forQuery(List.of(this.shard)).replicas(this.shard)).containsExactly(B, C, A);
		assertThat(ReplicaChoice.forQuery(List.of(this.shard)).replicas(this.shard)).containsExactly(C, A, B);
	}

	@Test
	void theReplicaThatAnsweredTheStatisticsSearchesAndTheOneThatLostGoesLast() {
		ReplicaChoice query = ReplicaChoice.forQuery(List.of(this.shard));
		// A failed or straggled, B answered the statistics (failover or hedge).
		ReplicaChoice searchRound = query.keeping(Map.of(this.shard, new HedgedRequest.Served<>(B, "stats")));
		assertThat(searchRound.replicas(this.shard)).containsExactly(B, C, A);
	}

	@Test
	void aShardMissingFromTheRoundKeepsItsOrder() {
		ShardClient other = new ShardClient(1, List.of(C, A),
				new SearchRootProperties.Hedging(true, 0.95, Duration.ofMillis(50), Duration.ofMillis(2), 0.05),
				new SimpleMeterRegistry());
		ReplicaChoice query = ReplicaChoice.forQuery(List.of(this.shard, other));
		ReplicaChoice next = query.keeping(Map.of(this.shard, new HedgedRequest.Served<>(C, "stats")));
		assertThat(next.replicas(this.shard)).containsExactly(C, A, B);
		assertThat(next.replicas(other)).containsExactly(C, A);
	}

	private static ShardClient shard(int index, URI... replicas) {
		return new ShardClient(index, List.of(replicas),
				new SearchRootProperties.Hedging(true, 0.95, Duration.ofMillis(50), Duration.ofMillis(2), 0.05),
				new SimpleMeterRegistry());
	}

}
