/**
 * Sharded ownership: a lease per shard, planned by rendezvous hashing over the live
 * replicas.
 */
package dev.ddspatterns.election.shards;
