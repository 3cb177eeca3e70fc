package dev.ddspatterns.cache.shards;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.shards.ReshardingRefused.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The shard map every replica routes by: which shards exist, which of them own keys now,
 * and the migration under way, if any. It lives in one shared place
 * ({@link ShardMapStore}) with an epoch that grows with every change, like Redis
 * Cluster's config epoch; every shard is told the epoch before a map is published
 * ({@code scripts/fence.lua}) and refuses requests routed by an older one, so a replica
 * that has not caught up is sent to fetch the map before it can do harm.
 *
 * <p>
 * A change is a pure function from one map to the next; this record holds the rules and
 * the refusals, and nothing here talks to Redis.
 *
 * @param epoch grows with every change
 * @param shards every shard a request may touch: those of the ring, and one being drained
 * @param ring the names of the shards that own keys, the members of the hash ring
 * @param migration the move under way, {@code null} when the map is stable
 */
public record ShardMap(long epoch, List<CacheProperties.Shard> shards, List<String> ring,
		@Nullable Migration migration) {

	public ShardMap {
		shards = List.copyOf(shards);
		ring = List.copyOf(ring);
	}

	/**
	 * The map of a configuration, before any replica has stored one: epoch 0, which no
	 * fenced shard accepts, so a replica routing by its properties alone cannot write to
	 * a shard a migration has touched.
	 * @param shards the configured shards
	 * @return a stable map of them
	 */
	static ShardMap configured(List<CacheProperties.Shard> shards) {
		return new ShardMap(0, shards, shards.stream().map(CacheProperties.Shard::name).toList(), null);
	}

	/**
	 * @return this map as the first one stored, epoch 1
	 */
	ShardMap asFirst() {
		return new ShardMap(1, this.shards, this.ring, this.migration);
	}

	/**
	 * @param name a shard's name
	 * @return the shard, if the map knows it
	 */
	public Optional<CacheProperties.Shard> shard(String name) {
		return this.shards.stream().filter((shard) -> shard.name().equals(name)).findFirst();
	}

	/**
	 * @param shard a shard as an operator asks to add it
	 * @return whether it is already a stable member of the ring, exactly so: adding it
	 * again changes nothing
	 */
	boolean hasMember(CacheProperties.Shard shard) {
		return this.migration == null && this.ring.contains(shard.name())
				&& shard(shard.name()).orElseThrow().equals(shard);
	}

	/**
	 * @param shard the shard to add
	 * @param driver the replica that moves the keys
	 * @return the map while keys move to the new shard
	 * @throws ReshardingRefused if a migration is under way or the name is taken
	 */
	ShardMap adding(CacheProperties.Shard shard, String driver) {
		requireStable();
		if (shard(shard.name()).isPresent()) {
			throw new ReshardingRefused(Reason.SHARD_EXISTS,
					"Shard " + shard.name() + " already exists with other servers");
		}
		List<CacheProperties.Shard> shards = new ArrayList<>(this.shards);
		shards.add(shard);
		List<String> ring = new ArrayList<>(this.ring);
		ring.add(shard.name());
		return new ShardMap(this.epoch + 1, shards, ring,
				new Migration(this.epoch + 1, Direction.ADD, shard.name(), this.ring, driver));
	}

	/**
	 * @param name the shard to drain and remove
	 * @param driver the replica that moves the keys
	 * @return the map while keys move off the shard
	 * @throws ReshardingRefused if a migration is under way, there is no such shard, or
	 * it is the last one
	 */
	ShardMap removing(String name, String driver) {
		requireStable();
		if (!this.ring.contains(name)) {
			throw new ReshardingRefused(Reason.NO_SUCH_SHARD, "No shard named " + name);
		}
		if (this.ring.size() == 1) {
			throw new ReshardingRefused(Reason.LAST_SHARD, "Cannot remove the last shard");
		}
		List<String> ring = new ArrayList<>(this.ring);
		ring.remove(name);
		return new ShardMap(this.epoch + 1, this.shards, ring,
				new Migration(this.epoch + 1, Direction.REMOVE, name, this.ring, driver));
	}

	/**
	 * @param driver the replica that takes over a migration whose driver stopped renewing
	 * its lease
	 * @return the same migration under a new epoch, which fences the old driver out
	 */
	ShardMap takenOverBy(String driver) {
		if (this.migration == null) {
			throw new IllegalStateException("No migration to take over at epoch " + this.epoch);
		}
		Migration m = this.migration;
		return new ShardMap(this.epoch + 1, this.shards, this.ring,
				new Migration(m.id(), m.direction(), m.shard(), m.previousRing(), driver));
	}

	/**
	 * @return the map once every key has moved: stable, without a drained shard
	 */
	ShardMap finished() {
		if (this.migration == null) {
			throw new IllegalStateException("No migration to finish at epoch " + this.epoch);
		}
		List<CacheProperties.Shard> shards = this.shards.stream()
			.filter((shard) -> this.ring.contains(shard.name()))
			.toList();
		return new ShardMap(this.epoch + 1, shards, this.ring, null);
	}

	/**
	 * @param newEpoch an epoch above this one
	 * @return the same map under a higher epoch: published after a change that fenced
	 * shards but never published its map, so requests pass those fences again
	 */
	ShardMap reissued(long newEpoch) {
		if (newEpoch <= this.epoch) {
			throw new IllegalArgumentException("Epoch " + newEpoch + " is not above " + this.epoch);
		}
		return new ShardMap(newEpoch, this.shards, this.ring, this.migration);
	}

	/**
	 * What a replica that holds no lease should do about this map, as stored.
	 * @param highestFenceSeen the highest fence a shard refused this replica with
	 * @param driverLeaseHeld whether some replica holds the migration driver's lease
	 * @return the repair to attempt
	 */
	Repair repair(long highestFenceSeen, boolean driverLeaseHeld) {
		if (driverLeaseHeld) {
			return Repair.NONE;
		}
		if (this.migration != null) {
			return Repair.TAKE_OVER;
		}
		return (highestFenceSeen > this.epoch) ? Repair.REISSUE : Repair.NONE;
	}

	private void requireStable() {
		if (this.migration != null) {
			throw new ReshardingRefused(Reason.MIGRATION_RUNNING, "A migration is under way: " + this.migration);
		}
	}

	/**
	 * A move of keys between shards.
	 *
	 * @param id the epoch it began at; moved-markers carry it, so markers a finished
	 * migration left behind mean nothing to the next
	 * @param direction whether a shard joins or leaves
	 * @param shard the shard that joins or leaves
	 * @param previousRing the ring before the change: where keys not moved yet still are
	 * @param driver the replica moving the keys
	 */
	public record Migration(long id, Direction direction, String shard, List<String> previousRing, String driver) {

		public Migration {
			previousRing = List.copyOf(previousRing);
		}

		/**
		 * @return the shards keys move away from: every old shard when one joins, the
		 * leaving shard when one leaves (consistent hashing moves no other key)
		 */
		List<String> sources() {
			return (this.direction == Direction.ADD) ? this.previousRing : List.of(this.shard);
		}

		@Override
		public String toString() {
			return this.direction.name().toLowerCase(java.util.Locale.ROOT) + " " + this.shard + " (migration "
					+ this.id + ", driven by " + this.driver + ")";
		}

	}

	/** Whether a shard joins or leaves. */
	public enum Direction {

		ADD, REMOVE

	}

	/** What a replica does about a stored map it finds unattended. */
	enum Repair {

		/** Nothing: the map is stable, or its migration has a live driver. */
		NONE,

		/** Drive the migration whose driver stopped renewing its lease. */
		TAKE_OVER,

		/**
		 * Publish the map again under the fence a crashed change left on the shards, so
		 * requests pass it.
		 */
		REISSUE

	}

}
