/**
 * Sharding functions: which shard owns a key. This is the pattern of the "Sharded
 * Services" chapter of Brendan Burns' <em>Designing Distributed Systems</em>, its
 * sections "Selecting a key" and "Consistent hashing functions": a key is reduced to the
 * part that decides its shard ({@link dev.ddspatterns.sharding.HashTag}), hashed the same
 * way in every process ({@link dev.ddspatterns.sharding.KeyHash}), and mapped to a node
 * so that adding or removing a node moves as few keys as possible.
 *
 * <p>
 * Read {@link dev.ddspatterns.sharding.ConsistentHashRing} first, then
 * {@link dev.ddspatterns.sharding.RendezvousHashing}, the better-balanced alternative
 * behind the same {@link dev.ddspatterns.sharding.ShardSelector} interface. The tests
 * that prove the properties are {@code BalanceAndMovementTests} (balance, minimal
 * movement) and {@code PinnedAnswersTests} (the same key goes to the same shard on every
 * JVM, forever).
 */
package dev.ddspatterns.sharding;
