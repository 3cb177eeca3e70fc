package dev.ddspatterns.election.ledger;

import java.time.Instant;

/**
 * One accepted write to a {@link FencedLedger}.
 *
 * @param id the stream entry's id, in append order
 * @param owner the replica that wrote it
 * @param token the fencing token it wrote with
 * @param tick the writer's tick number within its term
 * @param at when the writer sent it, by its clock
 */
public record LedgerEntry(String id, String owner, long token, long tick, Instant at) {

}
