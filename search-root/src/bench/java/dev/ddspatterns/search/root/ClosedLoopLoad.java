package dev.ddspatterns.search.root;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Closed-loop load for the benchmark: a few clients, each sending its next query as soon
 * as the last one is answered, so the load adapts to the server instead of piling up a
 * queue that would measure the queue. Clients are virtual threads on one JDK
 * {@link HttpClient} speaking HTTP/1.1.
 */
final class ClosedLoopLoad implements AutoCloseable {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

	private final int concurrency;

	private final List<String> queries;

	ClosedLoopLoad(int concurrency, List<String> queries) {
		this.concurrency = concurrency;
		this.queries = List.copyOf(queries);
	}

	/**
	 * Sends {@code count} queries, the queries in turn from {@code firstQuery} on.
	 * @param root the root to query
	 * @param dfs the {@code dfs} parameter of every query
	 * @param firstQuery where in the query list to start, so that every variant gets the
	 * same queries
	 * @param count how many queries
	 * @return every latency, and how many answers were not complete 200s
	 */
	Batch run(URI root, boolean dfs, int firstQuery, int count) throws InterruptedException {
		long[] latencies = new long[count];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger incomplete = new AtomicInteger();
		long started = System.nanoTime();
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < this.concurrency; c++) {
			running.add(this.clients.submit(() -> {
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					HttpRequest request = request(root, this.queries.get((firstQuery + i) % this.queries.size()), dfs);
					long sent = System.nanoTime();
					boolean complete = complete(request);
					latencies[i] = System.nanoTime() - sent;
					if (!complete) {
						incomplete.incrementAndGet();
					}
				}
			}));
		}
		for (Future<?> client : running) {
			try {
				client.get();
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("A load client failed", ex.getCause());
			}
		}
		return new Batch(latencies, incomplete.get(), System.nanoTime() - started);
	}

	private static HttpRequest request(URI root, String query, boolean dfs) {
		String q = URLEncoder.encode(query, StandardCharsets.UTF_8);
		return HttpRequest.newBuilder(root.resolve("/v1/search?k=10&dfs=" + dfs + "&q=" + q))
			.timeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * @return whether the root answered 200 with every shard in the answer
	 */
	private boolean complete(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return false;
			}
			JsonNode answer = JsonMapper.shared().readTree(response.body());
			return !answer.path("partial").asBoolean(true);
		}
		catch (java.io.IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		this.clients.close();
		this.http.close();
	}

	/**
	 * What one batch measured.
	 *
	 * @param latencies end-to-end latency of every query, in nanoseconds
	 * @param incomplete answers that were errors or partial
	 * @param wallNanos how long the batch took
	 */
	record Batch(long[] latencies, int incomplete, long wallNanos) {
	}

}
