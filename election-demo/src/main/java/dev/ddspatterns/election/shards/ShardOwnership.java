package dev.ddspatterns.election.shards;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.ddspatterns.election.ElectionProperties;
import dev.ddspatterns.election.FixedDelayLoop;
import dev.ddspatterns.election.lease.Lease;
import dev.ddspatterns.election.lease.LeaseStore;
import dev.ddspatterns.election.lease.LeaseWatchdog;
import dev.ddspatterns.election.lease.MonotonicClock;
import dev.ddspatterns.election.ledger.FencedLedger;
import dev.ddspatterns.service.SuiteProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Sharded ownership: many shards, each owned by one live replica at a time. Once per
 * renewal interval every replica advertises itself, computes the {@link OwnershipPlan}
 * over the live replicas, and moves each shard's lease one step towards it: claim what it
 * should own, renew what it holds, hand off what it should no longer own. A claim
 * succeeds only once the previous owner released the lease or it expired, so a shard
 * moving between replicas is never owned twice; the per-shard ledgers check that.
 */
@Component
public class ShardOwnership implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ShardOwnership.class);

	private final Members members;

	private final List<OwnedShard> shards = new ArrayList<>();

	private final String id;

	private final FixedDelayLoop leases;

	private final FixedDelayLoop ticks;

	private final LeaseStore store;

	ShardOwnership(StringRedisTemplate redis, LeaseStore store, SuiteProperties suite, ElectionProperties properties,
			Clock clock, MonotonicClock monotonic, MeterRegistry meters) {
		this.members = new Members(redis, properties.leaseTtl());
		this.id = suite.instanceId();
		this.leases = new FixedDelayLoop("shard-leases", properties.renewInterval(), this::step);
		this.ticks = new FixedDelayLoop("shard-ticks", properties.tickInterval(), this::tick);
		this.store = store;
		store.onRelease("shard-", this.leases::nudge);
		for (int shard = 0; shard < properties.shards(); shard++) {
			String name = OwnershipPlan.name(shard);
			this.shards.add(new OwnedShard(shard, new Lease(store, name, meters),
					new LeaseWatchdog(properties.leaseTtl(), properties.watchdog().margin(), monotonic),
					new FencedLedger(redis, name, clock, meters)));
		}
	}

	@Override
	public void start() {
		this.leases.start();
		this.ticks.start();
	}

	@Override
	public void stop() {
		if (!this.leases.isRunning()) {
			return;
		}
		this.ticks.stop();
		this.leases.stop();
		try {
			for (OwnedShard shard : this.shards) {
				shard.handOff(this.id);
			}
			this.members.leave(this.id);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not hand off every shard ({}); their leases expire after the ttl", ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		return this.leases.isRunning();
	}

	void step() {
		try {
			// Renew, then advertise: a replica that dies after this step is seen dead
			// only
			// once the leases it renewed have expired too, so the survivors' first claims
			// succeed instead of waiting one more interval.
			this.shards.forEach((shard) -> shard.renew(this.id));
			List<@Nullable String> plan = OwnershipPlan.of(this.members.refresh(this.id), this.shards.size());
			for (OwnedShard shard : this.shards) {
				shard.follow(this.id, this.id.equals(plan.get(shard.number())));
			}
		}
		catch (RuntimeException ex) {
			// Redis is unreachable or slow: each shard's watchdog decides when to stop.
			logger.warn("{} could not reach the shard leases: {}", this.id, ex.getMessage());
		}
		this.shards.forEach(OwnedShard::checkExpiry);
		// After the lease work, which must not wait on a subscription.
		this.store.watch();
	}

	void tick() {
		try {
			for (OwnedShard shard : this.shards) {
				shard.tick(this.id);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("{} could not write shard ticks: {}", this.id, ex.getMessage());
		}
	}

	/**
	 * @return every shard, in order
	 */
	List<OwnedShard> shards() {
		return this.shards;
	}

	/**
	 * @return the shards this replica acts on now, by its own view
	 */
	public List<Integer> acting() {
		return this.shards.stream().filter(OwnedShard::mayAct).map(OwnedShard::number).toList();
	}

	String id() {
		return this.id;
	}

}
