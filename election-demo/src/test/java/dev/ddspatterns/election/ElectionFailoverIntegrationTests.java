package dev.ddspatterns.election;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.ddspatterns.election.ElectionProperties.Store;
import dev.ddspatterns.election.ReplicaClient.Leader;
import dev.ddspatterns.election.ReplicaClient.Ownership;
import dev.ddspatterns.election.ReplicaClient.Shard;
import dev.ddspatterns.testsupport.etcd.EtcdServers;
import dev.ddspatterns.testsupport.redis.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas as separate processes, and the failures only a process boundary can
 * show: a leader killed with SIGKILL (it never releases anything) and a leader frozen
 * with SIGSTOP past its lease (it wakes up still believing it leads). Each test runs with
 * the leases in Redis and again in etcd (one member); the ledgers and the member list are
 * in Redis either way.
 */
class ElectionFailoverIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(ElectionFailoverIntegrationTests.class);

	/**
	 * Long enough that a replica JVM still compiling its code on a loaded two-core
	 * machine renews in time: with 1.5 s a renewal late by one second ended healthy terms
	 * in CI.
	 */
	static final Duration TTL = Duration.ofSeconds(3);

	static final Duration RENEW = TTL.dividedBy(3);

	/**
	 * Room for what the bound does not count: the JVM's scheduling of the follower's loop
	 * on a loaded two-core machine, and the Redis round trips of one step.
	 */
	static final Duration SLACK = Duration.ofMillis(150);

	static final int SHARDS = 16;

	@RegisterExtension
	static final RedisServers redis = RedisServers.single();

	@RegisterExtension
	static final EtcdServers etcd = EtcdServers.single();

	private final List<ReplicaProcess> replicas = new ArrayList<>();

	private LedgerCheck ledgers;

	@BeforeEach
	void emptyRedis() {
		this.ledgers = new LedgerCheck(redis.server());
		this.ledgers.flush();
	}

	@AfterEach
	void stopReplicas() {
		this.replicas.forEach(ReplicaProcess::close);
		this.ledgers.close();
	}

	@ParameterizedTest
	@EnumSource(Store.class)
	void aKilledLeadersLeaseAndShardsAreTakenOverWithinTtlPlusOneRenewal(Store store, TestInfo test) throws Exception {
		startReplicas(store, test);
		ReplicaProcess leader = ReplicaProcess.awaitOneLeader(this.replicas);
		List<ReplicaProcess> survivors = this.replicas.stream().filter((replica) -> replica != leader).toList();
		assertOneLeaderFor(Duration.ofSeconds(1), leader);
		awaitShardsOwnedOnceBy(this.replicas);
		Set<Integer> orphaned = Set.copyOf(leader.client().ownership().acting());
		long token = leader.client().leader().ownToken();

		Instant killedAt = Instant.now();
		leader.kill();

		ReplicaProcess successor = ReplicaProcess.awaitOneLeader(survivors);
		Duration gap = Duration.between(killedAt, Objects.requireNonNull(successor.client().leader().since()));
		logger.info(
				"Failover on {} after SIGKILL: {} ms from kill to new leader {} (ttl {} ms + renewal {} ms = {} ms)",
				store, gap.toMillis(), successor.id(), TTL.toMillis(), RENEW.toMillis(), TTL.plus(RENEW).toMillis());
		assertThat(gap).isLessThanOrEqualTo(TTL.plus(RENEW).plus(SLACK));
		assertThat(successor.client().leader().ownToken()).isGreaterThan(token);

		List<Shard> shards = awaitShardsOwnedOnceBy(survivors);
		Duration shardGap = shards.stream()
			.filter((shard) -> orphaned.contains(shard.shard()))
			.map((shard) -> Duration.between(killedAt, Objects.requireNonNull(shard.since())))
			.max(Duration::compareTo)
			.orElseThrow();
		logger.info("Shards {} of the killed replica re-owned at most {} ms after the kill", orphaned,
				shardGap.toMillis());
		assertThat(shardGap).isLessThanOrEqualTo(TTL.plus(RENEW).plus(SLACK));

		this.ledgers.assertFenced("leader");
		for (int shard = 0; shard < SHARDS; shard++) {
			assertThat(this.ledgers.assertFenced("shard-" + shard)).isNotEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(Store.class)
	void aFrozenLeaderStopsActingItsPendingWriteIsRejectedAndItRejoinsAsAFollower(Store store, TestInfo test)
			throws Exception {
		// Every tick waits a second between its watchdog check and its write, so a leader
		// frozen in that second has a write pending when it wakes up.
		Duration hold = Duration.ofSeconds(1);
		startReplicas(store, test, "suite.election.faults.hold-before-write=" + hold.toMillis() + "ms",
				"suite.election.tick-interval=50ms");
		ReplicaProcess leader = ReplicaProcess.awaitOneLeader(this.replicas);
		List<ReplicaProcess> survivors = this.replicas.stream().filter((replica) -> replica != leader).toList();
		long staleToken = leader.client().leader().ownToken();
		int written = this.ledgers.entries("leader").size();
		Instant lastWrite = await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> (this.ledgers.entries("leader").size() > written) ? lastEntryAt(leader.id(), staleToken)
					: null, Objects::nonNull);
		// Freeze it in the middle of the next hold: it has decided to write, and not yet
		// written. The next check comes one tick interval after the last write.
		Instant middleOfHold = lastWrite.plus(Duration.ofMillis(50)).plus(hold.dividedBy(2));
		await().pollInterval(Duration.ofMillis(5)).until(() -> Instant.now().isAfter(middleOfHold));
		leader.pause();

		ReplicaProcess successor = ReplicaProcess.awaitOneLeader(survivors);
		long newToken = successor.client().leader().ownToken();
		assertThat(newToken).isGreaterThan(staleToken);
		await().atMost(Duration.ofSeconds(10)).until(() -> lastEntryAt(successor.id(), newToken) != null);
		leader.resume();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> leader.client().counter("election_ledger_rejected_total", "ledger=\"leader\"") > 0);
		Leader rejoined = leader.client().leader();
		assertThat(rejoined.acting()).as("the woken leader acts no more").isFalse();
		assertThat(rejoined.leader()).isEqualTo(successor.id());
		assertThat(leader.client().counter("election_watchdog_firings_total", "instance")).isPositive();
		assertOneLeaderFor(Duration.ofSeconds(1), successor);
		this.ledgers.assertFenced("leader");
		for (int shard = 0; shard < SHARDS; shard++) {
			this.ledgers.assertFenced("shard-" + shard);
		}
	}

	@ParameterizedTest
	@EnumSource(Store.class)
	void aLeaderWhoseLeaseExpiredUnderItExitsWhenConfigured(Store store, TestInfo test) throws Exception {
		startReplicas(store, test, 1, "suite.election.watchdog.exit-on-expiry=true");
		ReplicaProcess leader = ReplicaProcess.awaitOneLeader(this.replicas);
		leader.pause();
		await().pollDelay(TTL.plus(RENEW)).until(() -> true);
		leader.resume();
		int status = leader.awaitExit(Duration.ofSeconds(15));
		assertThat(status).as("the watchdog's exit status").isEqualTo(75);
	}

	private void startReplicas(Store store, TestInfo test, String... extra) throws IOException {
		startReplicas(store, test, 3, extra);
	}

	private void startReplicas(Store store, TestInfo test, int count, String... extra) throws IOException {
		Path logs = Files.createDirectories(
				Path.of("target", "replica-logs", test.getTestMethod().map((method) -> method.getName()).orElse("test")
						+ "-" + store.name().toLowerCase(Locale.ROOT)));
		for (int i = 0; i < count; i++) {
			List<String> properties = new ArrayList<>(List.of("spring.data.redis.host=" + redis.server().host(),
					"spring.data.redis.port=" + redis.server().port(),
					"suite.election.lease-ttl=" + TTL.toMillis() + "ms", "suite.election.shards=" + SHARDS));
			properties.addAll(StoreSelection.properties(store, etcd));
			properties.addAll(List.of(extra));
			this.replicas.add(ReplicaProcess.launch("replica-" + i, logs.resolve("replica-" + i + ".log"), properties));
		}
		this.replicas.forEach(ReplicaProcess::awaitReady);
	}

	/**
	 * Samples every live replica for a while: no other replica ever acts as leader. The
	 * leader itself may stop acting for a moment, when a renewal is late by more than its
	 * watchdog's margin on a busy machine (the safe side: it acts only while it is sure
	 * of its lease); it acts again once the renewal lands, well within a TTL.
	 */
	private void assertOneLeaderFor(Duration duration, ReplicaProcess leader) throws IOException {
		Instant end = Instant.now().plus(duration);
		while (Instant.now().isBefore(end)) {
			for (ReplicaProcess replica : this.replicas) {
				if (replica.isAlive() && replica != leader) {
					assertThat(replica.client().leader().acting()).as("%s acts as leader", replica.id()).isFalse();
				}
			}
		}
		await().atMost(TTL).pollInterval(Duration.ofMillis(20)).until(() -> leader.client().leader().acting());
	}

	/**
	 * Waits until every shard has one owner among the replicas, by Redis, and each
	 * replica acts on exactly the shards Redis says it owns.
	 */
	private static List<Shard> awaitShardsOwnedOnceBy(List<ReplicaProcess> replicas) {
		Set<String> ids = new HashSet<>(replicas.stream().map(ReplicaProcess::id).toList());
		return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
			List<Shard> shards = replicas.get(0).client().ownership().shards();
			if (shards.size() != SHARDS || !shards.stream().allMatch((shard) -> ids.contains(shard.owner()))) {
				return null;
			}
			List<Integer> acting = new ArrayList<>();
			for (ReplicaProcess replica : replicas) {
				Ownership ownership = replica.client().ownership();
				List<Integer> owned = shards.stream()
					.filter((shard) -> replica.id().equals(shard.owner()))
					.map(Shard::shard)
					.toList();
				if (!ownership.acting().equals(owned)) {
					return null;
				}
				acting.addAll(ownership.acting());
			}
			return (acting.size() == SHARDS && Set.copyOf(acting).size() == SHARDS) ? shards : null;
		}, Objects::nonNull);
	}

	private Instant lastEntryAt(String owner, long token) {
		List<Map<String, String>> entries = this.ledgers.entries("leader");
		return entries.reversed()
			.stream()
			.filter((entry) -> entry.get("owner").equals(owner) && Long.parseLong(entry.get("token")) == token)
			.map((entry) -> Instant.ofEpochMilli(Long.parseLong(entry.get("at"))))
			.findFirst()
			.orElse(null);
	}

}
