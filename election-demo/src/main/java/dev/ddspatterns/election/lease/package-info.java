/**
 * Leases with fencing tokens in Redis ({@link dev.ddspatterns.election.lease.Lease}) and
 * the holder's watchdog ({@link dev.ddspatterns.election.lease.LeaseWatchdog}).
 */
package dev.ddspatterns.election.lease;
