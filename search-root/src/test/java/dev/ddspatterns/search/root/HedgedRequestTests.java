package dev.ddspatterns.search.root;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.ddspatterns.search.root.HedgedRequest.Served;
import dev.ddspatterns.search.root.SearchRootProperties.Hedging;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hedging and failover step by step: a {@link ManualExecutor} runs attempts and fires the
 * hedge timer only when the test says so, so "late" is an attempt not yet run, and
 * nothing depends on how fast the machine is.
 */
class HedgedRequestTests {

	static final URI A = URI.create("http://replica-a");

	static final URI B = URI.create("http://replica-b");

	static final Hedging HEDGING = new Hedging(true, 0.95, Duration.ofMillis(50), Duration.ofMillis(2), 0.05);

	final ManualExecutor executor = new ManualExecutor();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final List<URI> called = new ArrayList<>();

	@Test
	void aReplicaThatAnswersInTimeIsTheOnlyOneAsked() {
		CompletableFuture<Served<String>> shard = send(shard(HEDGING), Map.of(A, () -> "a", B, () -> "b"));
		assertThat(this.executor.delays()).as("hedge delay before any latency is known")
			.containsExactly(HEDGING.initialDelay());
		this.executor.runAll();
		this.executor.fireScheduled();
		this.executor.runAll();
		assertThat(shard).isCompletedWithValue(new Served<>(A, "a"));
		assertThat(this.called).containsExactly(A);
		assertThat(counter("search.root.hedges.sent")).isZero();
	}

	@Test
	void aLateReplicaIsHedgedAndTheFirstAnswerWins() {
		CompletableFuture<Served<String>> shard = send(shard(HEDGING), Map.of(A, () -> "a", B, () -> "b"));
		this.executor.fireScheduled();
		assertThat(this.executor.queued()).as("the first attempt and its hedge").isEqualTo(2);
		this.executor.runNewest();
		assertThat(shard).isCompletedWithValue(new Served<>(B, "b"));
		this.executor.runAll();
		assertThat(this.called).as("the late attempt was cancelled before it ran").containsExactly(B);
		assertThat(counter("search.root.hedges.sent")).isOne();
		assertThat(counter("search.root.hedges.won")).isOne();
	}

	@Test
	void aFailedReplicaIsReplacedAtOnceWithoutWaitingForTheHedgeDelay() {
		CompletableFuture<Served<String>> shard = send(shard(HEDGING), Map.of(A, () -> {
			throw new IllegalStateException("Leaf replica-a answered 503");
		}, B, () -> "b"));
		this.executor.runAll();
		assertThat(shard).isCompletedWithValue(new Served<>(B, "b"));
		assertThat(this.called).containsExactly(A, B);
		assertThat(counter("search.root.leaf.errors")).isOne();
		assertThat(counter("search.root.hedges.sent")).isZero();
	}

	@Test
	void whenEveryReplicaFailsTheShardFailsWithTheLastFailure() {
		IllegalStateException last = new IllegalStateException("Leaf replica-b answered 500");
		CompletableFuture<Served<String>> shard = send(shard(HEDGING), Map.of(A, () -> {
			throw new IllegalStateException("Leaf replica-a answered 503");
		}, B, () -> {
			throw last;
		}));
		this.executor.runAll();
		assertThat(shard.exceptionNow()).isSameAs(last);
		assertThat(counter("search.root.leaf.errors")).isEqualTo(2);
	}

	@Test
	void aRejectedQueryIsNeitherRetriedNorHedged() {
		CompletableFuture<Served<String>> shard = send(shard(HEDGING), Map.of(A, () -> {
			throw new LeafClient.RejectedQueryException(
					ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Cannot parse 'cat AND (dog'"));
		}, B, () -> "b"));
		this.executor.runAll();
		this.executor.fireScheduled();
		this.executor.runAll();
		assertThat(shard.exceptionNow()).isInstanceOf(LeafClient.RejectedQueryException.class);
		assertThat(this.called).containsExactly(A);
	}

	@Test
	void aHedgeIsSentInTimeToAnswerWithinTheRoundEvenWhenTheShardsP95IsLonger() {
		ShardClient shard = shard(HEDGING);
		for (int i = 0; i < 40; i++) {
			shard.answered(Duration.ofMillis(800), Duration.ofMillis(800), false);
		}
		send(shard, Map.of(A, () -> "a", B, () -> "b"), Duration.ofMillis(500));
		send(shard, Map.of(A, () -> "a", B, () -> "b"), Duration.ofSeconds(4));
		assertThat(this.executor.delays())
			.as("half the round's time when the p95 (800 ms) would leave the hedge no time to answer; the p95 otherwise")
			.containsExactly(Duration.ofMillis(250), Duration.ofMillis(800));
	}

	@Test
	void withHedgingOffNoHedgeIsScheduled() {
		Hedging off = new Hedging(false, 0.95, Duration.ofMillis(50), Duration.ofMillis(2), 0.05);
		send(shard(off), Map.of(A, () -> "a", B, () -> "b"));
		assertThat(this.executor.delays()).isEmpty();
	}

	@Test
	void aSpentBudgetStopsHedging() {
		ShardClient shard = shard(new Hedging(true, 0.95, Duration.ofMillis(50), Duration.ofMillis(2), 0));
		int hedged = 0;
		for (int i = 0; i < HedgeBudget.MAX_TOKENS + 2; i++) {
			send(shard, Map.of(A, () -> "a", B, () -> "b"));
			this.executor.fireScheduled();
			hedged += this.executor.queued() - 1;
			this.executor.runAll();
		}
		// A budget of 0 earns nothing: only the full budget's burst is spent.
		assertThat(hedged).isEqualTo((int) HedgeBudget.MAX_TOKENS);
		assertThat(counter("search.root.hedges.sent")).isEqualTo(HedgeBudget.MAX_TOKENS);
	}

	private ShardClient shard(Hedging hedging) {
		return new ShardClient(0, List.of(A, B), hedging, this.meters);
	}

	private CompletableFuture<Served<String>> send(ShardClient shard, Map<URI, Supplier<String>> replicas) {
		return send(shard, replicas, Duration.ofSeconds(1));
	}

	private CompletableFuture<Served<String>> send(ShardClient shard, Map<URI, Supplier<String>> replicas,
			Duration round) {
		Function<URI, String> call = (replica) -> {
			this.called.add(replica);
			return replicas.get(replica).get();
		};
		return HedgedRequest.send(shard, List.of(A, B), call, round, this.executor, this.executor);
	}

	private double counter(String name) {
		return this.meters.counter(name, "shard", "0").count();
	}

}
