/**
 * Leader election over one lease, the leader's periodic work and the watchdog's exit.
 */
package dev.ddspatterns.election.leader;
