package dev.ddspatterns.search.root;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.ddspatterns.search.root.HedgedRequest.Served;
import dev.ddspatterns.search.root.LeafMessages.GlobalQuery;
import dev.ddspatterns.search.root.LeafMessages.LeafResult;
import dev.ddspatterns.search.root.LeafMessages.Statistics;
import dev.ddspatterns.search.root.TopKMerge.Hit;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Scatter/gather: send the query to every shard at once, wait for the answers until the
 * deadline, merge what came.
 *
 * <p>
 * With distributed statistics on, a query takes two rounds: first every shard reports the
 * statistics of the query's terms ({@link StatisticsMerge}), then every shard searches
 * with the summed statistics, so scores are those of one index over the whole corpus.
 * Both rounds fit in the query's one deadline, the statistics round in its first half: a
 * shard that has not answered when its round ends is reported in {@code missingShards}
 * and the answer is marked {@code partial}, so a dead or frozen leaf costs completeness,
 * never availability. Only when no shard answers at all is the query a 503. Both rounds
 * of a query go to the same replica of each shard ({@link ReplicaChoice}).
 */
public class ScatterGather {

	private final List<ShardClient> shards;

	private final LeafClient leaves;

	private final SearchRootProperties properties;

	private final ExecutorService executor;

	private final ScheduledExecutorService timer;

	private final MeterRegistry meters;

	ScatterGather(List<ShardClient> shards, LeafClient leaves, SearchRootProperties properties,
			ExecutorService executor, ScheduledExecutorService timer, MeterRegistry meters) {
		this.shards = List.copyOf(shards);
		this.leaves = leaves;
		this.properties = properties;
		this.executor = executor;
		this.timer = timer;
		this.meters = meters;
	}

	/**
	 * @param q the query, in the leaves' query syntax
	 * @param k how many hits
	 * @param dfs whether to score with global statistics
	 * @return the merged answer
	 */
	public SearchResult search(String q, int k, boolean dfs) {
		long started = System.nanoTime();
		long deadline = started + this.properties.deadline().toNanos();
		Set<Integer> missing = new TreeSet<>();
		List<ShardClient> answering = this.shards;
		ReplicaChoice replicas = ReplicaChoice.forQuery(this.shards);
		Function<URI, LeafResult> search = (leaf) -> this.leaves.search(leaf, q, k);
		if (dfs) {
			// The statistics round may use half the time, so a frozen leaf cannot leave
			// nothing for the search round.
			long statisticsDeadline = started + this.properties.deadline().toNanos() / 2;
			Map<ShardClient, Served<Statistics>> stats = gather(
					scatter(answering, replicas, (leaf) -> this.leaves.statistics(leaf, q), statisticsDeadline),
					statisticsDeadline, missing);
			GlobalQuery global = new GlobalQuery(q, k,
					StatisticsMerge.sum(stats.values().stream().map(Served::answer).toList()));
			answering = new ArrayList<>(stats.keySet());
			replicas = replicas.keeping(stats);
			search = (leaf) -> this.leaves.search(leaf, global);
		}
		Map<ShardClient, Served<LeafResult>> results = gather(scatter(answering, replicas, search, deadline), deadline,
				missing);
		if (results.isEmpty()) {
			this.meters.counter("search.root.unavailable").increment();
			throw new ProblemException(ProblemType.UNAVAILABLE, "No shard answered within the deadline",
					Map.of("missingShards", missing));
		}
		List<LeafResult> answers = results.values().stream().map(Served::answer).toList();
		List<Hit> hits = TopKMerge.merge(answers, k);
		long totalHits = answers.stream().mapToLong(LeafResult::totalHits).sum();
		List<Approximation> approximations = Approximation.of(answers);
		if (!missing.isEmpty()) {
			this.meters.counter("search.root.partial").increment();
		}
		long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		return new SearchResult(q, hits, totalHits, !missing.isEmpty(), List.copyOf(missing), tookMs, dfs,
				!approximations.isEmpty(), approximations);
	}

	private <T> Map<ShardClient, CompletableFuture<Served<T>>> scatter(List<ShardClient> targets,
			ReplicaChoice replicas, Function<URI, T> call, long roundDeadline) {
		Duration round = Duration.ofNanos(Math.max(0, roundDeadline - System.nanoTime()));
		Map<ShardClient, CompletableFuture<Served<T>>> calls = new LinkedHashMap<>();
		for (ShardClient shard : targets) {
			calls.put(shard,
					HedgedRequest.send(shard, replicas.replicas(shard), call, round, this.executor, this.timer));
		}
		return calls;
	}

	private <T> Map<ShardClient, T> gather(Map<ShardClient, CompletableFuture<T>> calls, long deadline,
			Set<Integer> missing) {
		try {
			CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new))
				.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException stillMissingOrFailed) {
			// sorted out shard by shard below
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Map<ShardClient, T> answered = new LinkedHashMap<>();
		calls.forEach((shard, call) -> {
			if (call.isDone() && !call.isCompletedExceptionally()) {
				answered.put(shard, call.join());
				return;
			}
			if (call.state() == Future.State.FAILED
					&& call.exceptionNow() instanceof LeafClient.RejectedQueryException rejected) {
				throw new ProblemException(ProblemType.INVALID_REQUEST, rejected.detail());
			}
			call.cancel(true);
			missing.add(shard.index());
		});
		return answered;
	}

	/**
	 * The merged answer.
	 *
	 * @param query the query
	 * @param hits the top hits over all shards that answered, best first
	 * @param totalHits matching documents on those shards
	 * @param partial whether some shard is missing from the answer
	 * @param missingShards the shards that did not answer in time
	 * @param tookMs time spent in the root
	 * @param dfs whether scores used global statistics
	 * @param approximate whether the scores may differ from those of one index over the
	 * corpus of the shards that answered
	 * @param approximations why they may differ; empty when they do not
	 */
	public record SearchResult(String query, List<Hit> hits, long totalHits, boolean partial,
			List<Integer> missingShards, long tookMs, boolean dfs, boolean approximate,
			List<Approximation> approximations) {
	}

}
