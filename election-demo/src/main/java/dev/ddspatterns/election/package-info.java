/**
 * The election demo: ownership (master) election, locks with a ttl and a renewal
 * watchdog, fencing tokens and sharded ownership (Designing Distributed Systems, chapter
 * 9, "Ownership Election"). Start reading at {@code lease.LeaseStore} and
 * {@code lease.RedisLeases}, whose three Lua scripts are the whole distributed algorithm
 * ({@code lease.EtcdLeases} does the same with etcd transactions), then
 * {@code leader.LeaderElection} and {@code lease.LeaseWatchdog};
 * {@code ledger.FencedLedger} is the resource that refuses a stale leader, and
 * {@code shards.ShardOwnership} owns many shards the same way.
 */
package dev.ddspatterns.election;
