package dev.ddspatterns.console.panels;

import java.time.Instant;
import java.util.List;

/**
 * Every panel, read at once.
 *
 * @param at when the reading started
 * @param late the panels whose services did not all answer within the bound; they show
 * the previous reading
 * @param sourceBase where the project's source is browsed, empty if not configured
 * @param cache the sharded cache
 * @param search scatter/gather
 * @param gateway the gateway
 * @param election ownership election
 * @param pipeline the thumbnailer's pipeline
 */
public record Snapshot(Instant at, List<String> late, String sourceBase, CachePanel cache, SearchPanel search,
		GatewayPanel gateway, ElectionPanel election, PipelinePanel pipeline) {
}
