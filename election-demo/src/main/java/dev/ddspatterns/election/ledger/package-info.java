/**
 * The fenced ledger: the protected resource that refuses writes with a stale token.
 */
package dev.ddspatterns.election.ledger;
