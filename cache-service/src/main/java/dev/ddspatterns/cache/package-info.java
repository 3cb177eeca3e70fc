/**
 * cache-service: a sharded, replicated cache over several Redis servers.
 *
 * <p>
 * The patterns of the "Sharded Services" chapter of <em>Designing Distributed
 * Systems</em>: a sharding function (a consistent-hash ring from the {@code sharding}
 * module) spreads keys over N Redis primaries, each with replicas; the service is the
 * sharding ambassador that lets a caller see one cache. Every replica routes by one shard
 * map kept in Redis, and a shard added or removed live loses no acknowledged write. Read
 * {@link dev.ddspatterns.cache.shards.ShardRouter} first, then
 * {@link dev.ddspatterns.cache.shards.ShardMap} and
 * {@link dev.ddspatterns.cache.shards.Resharding} (the migration protocol),
 * {@link dev.ddspatterns.cache.ShardedCache} and
 * {@link dev.ddspatterns.cache.hotkeys.HotKeyDetector}.
 */
package dev.ddspatterns.cache;
