/**
 * Leases with fencing tokens behind one interface,
 * {@link dev.ddspatterns.election.lease.LeaseStore}, kept in Redis
 * ({@link dev.ddspatterns.election.lease.RedisLeases}) or etcd
 * ({@link dev.ddspatterns.election.lease.EtcdLeases}); one named lease as its holder uses
 * it ({@link dev.ddspatterns.election.lease.Lease}), and the holder's watchdog
 * ({@link dev.ddspatterns.election.lease.LeaseWatchdog}).
 */
package dev.ddspatterns.election.lease;
