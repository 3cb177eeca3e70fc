package dev.ddspatterns.election.lease;

import java.time.Instant;

/**
 * A lease as Redis holds it right now.
 *
 * @param holder the replica holding it
 * @param token the fencing token of the holder's term
 * @param expiresAt when it expires unless renewed, by the reader's clock
 * @param since when the holder took it, by the holder's clock
 */
public record LeaseTerm(String holder, long token, Instant expiresAt, Instant since) {

}
