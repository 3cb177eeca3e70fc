/**
 * The pattern console: one page with a panel per pattern family of the suite (the sharded
 * cache, scatter/gather, the gateway's ambassador patterns, ownership election, the
 * thumbnailer's pipeline), each read live from the services' own APIs and metrics, never
 * from a copy of their state. Start reading at {@code panels.Snapshots}, which reads
 * every panel at once and bounds what a slow or dead service can cost, then one panel
 * such as {@code panels.ElectionPanel}; {@code panels.RingDrawing} draws the cache's
 * consistent-hash ring with the suite's own {@code ConsistentHashRing}.
 */
package dev.ddspatterns.console;
