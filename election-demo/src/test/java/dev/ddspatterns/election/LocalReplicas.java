package dev.ddspatterns.election;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ddspatterns.election.MintedTerms.Term;
import dev.ddspatterns.election.leader.LeaderElected;
import dev.ddspatterns.election.leader.LeaderElection;
import dev.ddspatterns.election.shards.ShardOwnership;
import dev.ddspatterns.testsupport.redis.RedisNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import static org.awaitility.Awaitility.await;

/**
 * Replicas as application contexts in the test's JVM: cheaper than processes, for the
 * failures that need no signal (a graceful shutdown, Redis going away).
 */
final class LocalReplicas implements AutoCloseable {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	/**
	 * Starts the replicas, one after the other.
	 * @param redis the Redis of the leases (unless {@code extra} chooses another store),
	 * the ledgers and the member list
	 * @param count how many
	 * @param ttl the leases' ttl
	 * @param extra more properties, such as {@code suite.election.store=etcd}
	 */
	LocalReplicas(RedisNode redis, int count, Duration ttl, String... extra) {
		for (int i = 0; i < count; i++) {
			List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--suite.instance-id=local-" + i,
					"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
					"--suite.election.lease-ttl=" + ttl.toMillis() + "ms"));
			Arrays.stream(extra).map((property) -> "--" + property).forEach(arguments::add);
			this.contexts
				.add(new SpringApplicationBuilder(ElectionApplication.class).run(arguments.toArray(String[]::new)));
		}
	}

	/**
	 * Listens, from now on, for each running replica's news that it was elected.
	 * @return the terms the replicas have learned they hold, filled as they do
	 */
	Set<Term> learnTerms() {
		Set<Term> learned = ConcurrentHashMap.newKeySet();
		for (ConfigurableApplicationContext replica : running()) {
			replica.addApplicationListener((event) -> {
				if (event instanceof PayloadApplicationEvent<?> payload
						&& payload.getPayload() instanceof LeaderElected elected) {
					learned.add(new Term(elected.leader(), elected.token()));
				}
			});
		}
		return learned;
	}

	List<ConfigurableApplicationContext> running() {
		return this.contexts.stream().filter(ConfigurableApplicationContext::isActive).toList();
	}

	static LeaderElection election(ConfigurableApplicationContext context) {
		return context.getBean(LeaderElection.class);
	}

	static ShardOwnership shards(ConfigurableApplicationContext context) {
		return context.getBean(ShardOwnership.class);
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * @return how many running replicas act as leader now, by their own view
	 */
	long acting() {
		return running().stream().filter((context) -> election(context).mayAct()).count();
	}

	/**
	 * Waits until exactly one running replica acts as leader.
	 * @param atMost how long to wait
	 * @return its context
	 */
	ConfigurableApplicationContext awaitOneLeader(Duration atMost) {
		return await().atMost(atMost).pollInterval(Duration.ofMillis(10)).until(() -> {
			List<ConfigurableApplicationContext> acting = running().stream()
				.filter((context) -> election(context).mayAct())
				.toList();
			return (acting.size() == 1) ? acting.get(0) : null;
		}, Objects::nonNull);
	}

	@Override
	public void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

}
