package dev.ddspatterns.election.leader;

import java.time.Instant;

/**
 * This replica became the leader.
 *
 * @param leader this replica's id
 * @param token the fencing token of its term
 * @param since when it took the lease
 */
public record LeaderElected(String leader, long token, Instant since) {

}
