package dev.ddspatterns.search.root;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One request to one shard, sent to one of its replicas, with two second chances.
 *
 * <p>
 * <b>Hedging</b> against stragglers: if the replica has not answered within the shard's
 * recent p95, the same request goes to the next replica, the first answer wins and the
 * loser is cancelled. A query waits for its slowest shard, so with many shards a rare
 * slow replica makes many queries slow; hedging cuts that tail for a few percent more
 * requests (capped by the {@link HedgeBudget}). <b>Failover</b>: a replica that fails
 * outright (refused, 5xx) is replaced by the next one at once, without waiting for the
 * hedge delay. A 4xx is the client's fault and is not retried anywhere.
 *
 * @param <T> the answer type
 */
final class HedgedRequest<T> {

	private final ShardClient shard;

	private final Function<URI, T> call;

	private final List<URI> replicas;

	private final CompletableFuture<Served<T>> result = new CompletableFuture<>();

	private final List<Future<?>> attempts = new ArrayList<>();

	private final long startedNanos = System.nanoTime();

	private int nextReplica;

	private int inFlight;

	private HedgedRequest(ShardClient shard, List<URI> replicas, Function<URI, T> call) {
		this.shard = shard;
		this.replicas = replicas;
		this.call = call;
	}

	/**
	 * @param shard the shard to ask
	 * @param replicas its replicas in the order to try them ({@link ReplicaChoice})
	 * @param call the request to one replica
	 * @param round how long the round this request belongs to has left: the hedge goes
	 * out after the shard's recent p95, but no later than half of that, so a hedge always
	 * has time to answer before the round ends
	 * @param executor runs the attempts
	 * @param timer schedules the hedge
	 * @param <T> the answer type
	 * @return the first answer, with the replica that gave it
	 */
	static <T> CompletableFuture<Served<T>> send(ShardClient shard, List<URI> replicas, Function<URI, T> call,
			Duration round, ExecutorService executor, ScheduledExecutorService timer) {
		HedgedRequest<T> request = new HedgedRequest<>(shard, replicas, call);
		request.result.whenComplete((answer, failure) -> request.cancelAttempts());
		request.launch(executor, false);
		Duration delay = shard.hedgeDelay(round);
		if (delay != null && request.replicas.size() > 1) {
			timer.schedule(() -> request.hedge(executor), delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		return request.result;
	}

	private void hedge(ExecutorService executor) {
		synchronized (this) {
			if (this.result.isDone() || this.nextReplica >= this.replicas.size() || !this.shard.allowHedge()) {
				return;
			}
		}
		launch(executor, true);
	}

	private synchronized void launch(ExecutorService executor, boolean hedge) {
		URI replica = this.replicas.get(this.nextReplica++);
		this.inFlight++;
		this.shard.sent(hedge);
		this.attempts.add(executor.submit(() -> attempt(replica, hedge, executor)));
	}

	private void attempt(URI replica, boolean hedge, ExecutorService executor) {
		long started = System.nanoTime();
		try {
			T answer = this.call.apply(replica);
			if (this.result.complete(new Served<>(replica, answer))) {
				this.shard.answered(Duration.ofNanos(System.nanoTime() - started),
						Duration.ofNanos(System.nanoTime() - this.startedNanos), hedge);
			}
		}
		catch (LeafClient.RejectedQueryException rejected) {
			this.result.completeExceptionally(rejected);
		}
		catch (RuntimeException failure) {
			failed(failure, executor);
		}
	}

	private synchronized void failed(RuntimeException failure, ExecutorService executor) {
		this.inFlight--;
		if (this.result.isDone()) {
			return;
		}
		this.shard.failed();
		if (this.nextReplica < this.replicas.size()) {
			launch(executor, false);
		}
		else if (this.inFlight == 0) {
			this.result.completeExceptionally(failure);
		}
	}

	private synchronized void cancelAttempts() {
		this.attempts.forEach((attempt) -> attempt.cancel(true));
	}

	/**
	 * A shard's answer and the replica that gave it.
	 *
	 * @param replica the replica that answered first
	 * @param answer its answer
	 * @param <T> the answer type
	 */
	record Served<T>(URI replica, T answer) {
	}

}
