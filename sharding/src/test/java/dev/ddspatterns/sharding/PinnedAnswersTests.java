package dev.ddspatterns.sharding;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers, computed once and written down. Every process that shards must agree on
 * them, on any JVM and after any upgrade: if a change of hash library, algorithm or
 * default makes one of these fail, that change would silently move keys between shards in
 * a running system, and this test is where it should be caught. Never "fix" this table;
 * decide instead whether the data can move.
 *
 * <p>
 * The key hashes were checked against the reference implementation:
 * {@code printf 'user:1' | iconv -t UTF-16LE | xxhsum -H3} prints
 * {@code 4891b4434a80cc00}.
 */
class PinnedAnswersTests {

	private static final ShardSelector RING = ConsistentHashRing.of("shard-a", "shard-b", "shard-c", "shard-d");

	private static final ShardSelector WEIGHTED_RING = ConsistentHashRing.ofNodes(weighted());

	private static final ShardSelector RENDEZVOUS = RendezvousHashing.of("shard-a", "shard-b", "shard-c", "shard-d");

	private static final ShardSelector WEIGHTED_RENDEZVOUS = RendezvousHashing.ofNodes(weighted());

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			# key,           KeyHash,             ring,    weighted ring, rendezvous, weighted rendezvous
			user:1,          0x4891B4434A80CC00L, shard-d, shard-b,       shard-c,    shard-c
			user:2,          0x129333187134B174L, shard-b, shard-b,       shard-d,    shard-d
			user:3,          0xB268BEACB6743BA2L, shard-b, shard-b,       shard-b,    shard-b
			user:4,          0xB46F2DA91D1F0CDFL, shard-d, shard-a,       shard-b,    shard-b
			user:5,          0xF9F1256AF845526BL, shard-b, shard-b,       shard-c,    shard-c
			user:6,          0x7F3B292B2B56920EL, shard-d, shard-d,       shard-d,    shard-b
			user:7,          0x5364D8F75FFD9986L, shard-b, shard-b,       shard-d,    shard-b
			user:8,          0xF978A7F2C678986EL, shard-d, shard-a,       shard-c,    shard-c
			user:9,          0xA691BBAAA4A96FAFL, shard-a, shard-a,       shard-c,    shard-c
			user:10,         0xFD688E1C542C5203L, shard-c, shard-c,       shard-d,    shard-b
			order:2024-0001, 0xA76004E84F88476FL, shard-a, shard-a,       shard-a,    shard-a
			Zürich,          0xFB48C0DAD91213D1L, shard-b, shard-b,       shard-d,    shard-d
			東京,             0xF7A51AD0DD893233L, shard-c, shard-a,       shard-d,    shard-d
			🙂,              0xA63E813B40E8757BL, shard-b, shard-a,       shard-d,    shard-d
			""")
	void everyJvmSendsTheseKeysToTheseShards(String key, String keyHash, String ring, String weightedRing,
			String rendezvous, String weightedRendezvous) {
		assertThat(KeyHash.of(key)).isEqualTo(Long.parseUnsignedLong(keyHash.substring(2, 18), 16));
		assertThat(RING.nodeFor(key)).isEqualTo(ring);
		assertThat(WEIGHTED_RING.nodeFor(key)).isEqualTo(weightedRing);
		assertThat(RENDEZVOUS.nodeFor(key)).isEqualTo(rendezvous);
		assertThat(WEIGHTED_RENDEZVOUS.nodeFor(key)).isEqualTo(weightedRendezvous);
	}

	private static List<ShardNode> weighted() {
		return List.of(new ShardNode("shard-a", 4), new ShardNode("shard-b", 3), new ShardNode("shard-c", 2),
				new ShardNode("shard-d", 1));
	}

}
