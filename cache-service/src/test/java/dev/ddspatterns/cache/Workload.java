package dev.ddspatterns.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writers and readers of a fixed set of keys, spread over every replica: each client
 * thread talks to one replica and picks keys and operations at random (from a seed, so a
 * run can be repeated). Every value written is unique. Most values live ten minutes; one
 * in ten lives a few seconds, so expiry happens during the test and the history can show
 * whether time to live survives a move.
 */
final class Workload {

	static final Duration LONG_TTL = Duration.ofMinutes(10);

	private final List<CacheClient> replicas;

	private final int keys;

	private final long seed;

	private final AtomicBoolean running = new AtomicBoolean();

	private final Set<Integer> retired = ConcurrentHashMap.newKeySet();

	private ExecutorService clients;

	private final List<Future<?>> loops = new ArrayList<>();

	/**
	 * @param replicas a client of each replica, all recording into one history
	 * @param keys how many keys, {@code k0} ...
	 * @param seed the seed of every client's choices
	 */
	Workload(List<CacheClient> replicas, int keys, long seed) {
		this.replicas = List.copyOf(replicas);
		this.keys = keys;
		this.seed = seed;
	}

	/** Writes every key once, through the replicas in turn, before the test begins. */
	void preload() throws Exception {
		try (ExecutorService loaders = Executors.newFixedThreadPool(this.replicas.size())) {
			List<Future<?>> done = new ArrayList<>();
			for (int r = 0; r < this.replicas.size(); r++) {
				int replica = r;
				done.add(loaders.submit(() -> {
					for (int k = replica; k < this.keys; k += this.replicas.size()) {
						this.replicas.get(replica).put(-1 - replica, key(k), "preload-" + k, LONG_TTL);
					}
				}));
			}
			for (Future<?> loader : done) {
				loader.get();
			}
		}
	}

	/**
	 * Starts the clients.
	 * @param perReplica client threads per replica
	 */
	void start(int perReplica) {
		this.running.set(true);
		int count = perReplica * this.replicas.size();
		this.clients = Executors.newFixedThreadPool(count);
		for (int c = 0; c < count; c++) {
			int client = c;
			CacheClient replica = this.replicas.get(c % this.replicas.size());
			this.loops.add(this.clients.submit(() -> run(client, replica)));
		}
	}

	private void run(int client, CacheClient replica) {
		Random random = new Random(this.seed + client);
		long sequence = 0;
		while (this.running.get() && !this.retired.contains(replica.replica())) {
			String key = key(random.nextInt(this.keys));
			int dice = random.nextInt(100);
			if (dice < 50) {
				replica.get(client, key);
			}
			else if (dice < 85) {
				Duration ttl = (random.nextInt(10) == 0) ? Duration.ofSeconds(3 + random.nextInt(4)) : LONG_TTL;
				replica.put(client, key, "c" + client + "-" + sequence++, ttl);
			}
			else {
				replica.delete(client, key);
			}
		}
	}

	/** Stops the clients and waits until each has finished its operation in flight. */
	void stop() throws Exception {
		this.running.set(false);
		for (Future<?> loop : this.loops) {
			loop.get(1, TimeUnit.MINUTES);
		}
		this.clients.shutdown();
	}

	/**
	 * Stops the clients of one replica, which the test is about to kill, so they do not
	 * spin on a dead process.
	 * @param replica the replica's index
	 */
	void retire(int replica) {
		this.retired.add(replica);
	}

	/**
	 * Reads every key through each of the given replicas, after the clients have stopped.
	 * @param through a client of each replica to read through
	 */
	void readEverything(List<CacheClient> through) throws Exception {
		try (ExecutorService readers = Executors.newFixedThreadPool(through.size())) {
			List<Future<?>> done = new ArrayList<>();
			for (CacheClient replica : through) {
				done.add(readers.submit(() -> {
					for (int k = 0; k < this.keys; k++) {
						replica.get(1000 + replica.replica(), key(k));
					}
				}));
			}
			for (Future<?> reader : done) {
				reader.get();
			}
		}
	}

	private static String key(int index) {
		return "k" + index;
	}

}
