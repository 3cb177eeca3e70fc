package dev.ddspatterns.cache.shards;

import java.net.URI;
import java.util.List;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.shards.ReshardingRefused.Reason;
import dev.ddspatterns.cache.shards.ShardMap.Direction;
import dev.ddspatterns.cache.shards.ShardMap.Repair;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of the shared shard map, without Redis. */
class ShardMapTests {

	private static final ShardMap STABLE = ShardMap.configured(List.of(shard("a"), shard("b"), shard("c"))).asFirst();

	@Test
	void aConfiguredMapHasEpochZeroAndIsStoredAsEpochOne() {
		ShardMap configured = ShardMap.configured(List.of(shard("a"), shard("b")));
		assertThat(configured.epoch()).isZero();
		assertThat(configured.ring()).containsExactly("a", "b");
		assertThat(configured.asFirst().epoch()).isEqualTo(1);
	}

	@Test
	void addingAShardPutsItInTheRingAndRemembersThePreviousRing() {
		ShardMap adding = STABLE.adding(shard("d"), "replica-1");
		assertThat(adding.epoch()).isEqualTo(2);
		assertThat(adding.ring()).containsExactly("a", "b", "c", "d");
		assertThat(adding.shard("d")).contains(shard("d"));
		assertThat(adding.migration())
			.isEqualTo(new ShardMap.Migration(2, Direction.ADD, "d", List.of("a", "b", "c"), "replica-1"));
		assertThat(adding.migration().sources()).containsExactly("a", "b", "c");

		ShardMap finished = adding.finished();
		assertThat(finished.epoch()).isEqualTo(3);
		assertThat(finished.migration()).isNull();
		assertThat(finished.shards()).extracting(CacheProperties.Shard::name).containsExactly("a", "b", "c", "d");
		assertThat(finished.hasMember(shard("d"))).isTrue();
	}

	@Test
	void removingAShardTakesItOutOfTheRingAndDropsItOnceDrained() {
		ShardMap removing = STABLE.removing("b", "replica-0");
		assertThat(removing.ring()).containsExactly("a", "c");
		assertThat(removing.shards()).extracting(CacheProperties.Shard::name).containsExactly("a", "b", "c");
		assertThat(removing.migration().sources()).containsExactly("b");
		assertThat(removing.finished().shards()).extracting(CacheProperties.Shard::name).containsExactly("a", "c");
	}

	@Test
	void aTakeoverKeepsTheMigrationUnderANewEpochAndDriver() {
		ShardMap adding = STABLE.adding(shard("d"), "replica-1");
		ShardMap takenOver = adding.takenOverBy("replica-2");
		assertThat(takenOver.epoch()).isEqualTo(adding.epoch() + 1);
		assertThat(takenOver.migration().id()).isEqualTo(adding.migration().id());
		assertThat(takenOver.migration().driver()).isEqualTo("replica-2");
		assertThat(takenOver.ring()).isEqualTo(adding.ring());
	}

	@Test
	void changesThatCannotHappenAreRefusedWithTheirReason() {
		ShardMap adding = STABLE.adding(shard("d"), "replica-1");
		assertReason(() -> adding.adding(shard("e"), "replica-0"), Reason.MIGRATION_RUNNING);
		assertReason(() -> adding.removing("a", "replica-0"), Reason.MIGRATION_RUNNING);
		assertReason(() -> STABLE.adding(new CacheProperties.Shard("a", URI.create("redis://elsewhere:6379"), null),
				"replica-0"), Reason.SHARD_EXISTS);
		assertReason(() -> STABLE.removing("z", "replica-0"), Reason.NO_SUCH_SHARD);
		ShardMap single = ShardMap.configured(List.of(shard("a"))).asFirst();
		assertReason(() -> single.removing("a", "replica-0"), Reason.LAST_SHARD);
	}

	@Test
	void aShardAlreadyInTheRingExactlySoIsAMemberAndOnlyThen() {
		assertThat(STABLE.hasMember(shard("a"))).isTrue();
		assertThat(STABLE.hasMember(new CacheProperties.Shard("a", URI.create("redis://elsewhere:6379"), null)))
			.isFalse();
		assertThat(STABLE.hasMember(shard("d"))).isFalse();
		assertThat(STABLE.adding(shard("d"), "replica-0").hasMember(shard("d"))).as("not while it is being added")
			.isFalse();
	}

	@Test
	void anUnattendedMigrationIsTakenOverAndAFenceAboveTheMapReissuesIt() {
		ShardMap adding = STABLE.adding(shard("d"), "replica-1");
		assertThat(adding.repair(0, true)).isEqualTo(Repair.NONE);
		assertThat(adding.repair(0, false)).isEqualTo(Repair.TAKE_OVER);
		assertThat(STABLE.repair(STABLE.epoch(), false)).isEqualTo(Repair.NONE);
		assertThat(STABLE.repair(STABLE.epoch() + 1, true)).as("a live driver is between fencing and publishing")
			.isEqualTo(Repair.NONE);
		assertThat(STABLE.repair(STABLE.epoch() + 1, false)).isEqualTo(Repair.REISSUE);
		assertThat(STABLE.reissued(7)).isEqualTo(new ShardMap(7, STABLE.shards(), STABLE.ring(), null));
		assertThatThrownBy(() -> STABLE.reissued(STABLE.epoch())).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aMapSurvivesItsTripThroughTheStoreAsJson() {
		JsonMapper json = JsonMapper.builder().build();
		ShardMap adding = STABLE.adding(new CacheProperties.Shard("d", URI.create("redis://d:6379"),
				List.of(URI.create("redis://d-replica:6379"))), "replica-1");
		assertThat(json.readValue(json.writeValueAsString(adding), ShardMap.class)).isEqualTo(adding);
		assertThat(json.readValue(json.writeValueAsString(STABLE), ShardMap.class)).isEqualTo(STABLE);
	}

	private static void assertReason(Runnable change, Reason reason) {
		assertThatThrownBy(change::run).isInstanceOfSatisfying(ReshardingRefused.class,
				(refused) -> assertThat(refused.reason()).isEqualTo(reason));
	}

	private static CacheProperties.Shard shard(String name) {
		return new CacheProperties.Shard(name, URI.create("redis://" + name + ":6379"), null);
	}

}
